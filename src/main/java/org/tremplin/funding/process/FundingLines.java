package org.tremplin.funding.process;

import org.tremplin.platform.process.StepVariables;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the per-partner lines typed in the funding forms (Tasklist has no tables): one partner per line, values
 * separated by semicolons, amounts in euros. Every error names its line.
 */
final class FundingLines {

    static final int MAX_LINES = 50;

    /** A request line: organisation id; industrial research cost; experimental development cost; amount requested. */
    record RequestLine(String organisationId, BigDecimal industrialResearchCost, BigDecimal experimentalDevelopmentCost,
                       BigDecimal requestedAmount) {
    }

    /** A grant line: organisation id; amount granted. */
    record GrantLine(String organisationId, BigDecimal amount) {
    }

    private FundingLines() {
    }

    static List<RequestLine> requests(String field, String text) {
        List<RequestLine> lines = new ArrayList<>();
        for (String[] cells : cells(field, text, 4, "organisation id; industrial research cost; experimental development cost; amount requested")) {
            int n = lines.size() + 1;
            lines.add(new RequestLine(cells[0], StepVariables.parseEuros(cells[1], field + " line " + n + ": industrial research cost"),
                    StepVariables.parseEuros(cells[2], field + " line " + n + ": experimental development cost"),
                    StepVariables.parseEuros(cells[3], field + " line " + n + ": amount requested")));
        }
        return lines;
    }

    static List<GrantLine> grants(String field, String text) {
        List<GrantLine> lines = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        for (String[] cells : cells(field, text, 2, "organisation id; amount granted")) {
            lines.add(new GrantLine(cells[0], StepVariables.parseEuros(cells[1], field + " line " + (lines.size() + 1) + ": amount granted")));
        }
        return lines;
    }

    private static List<String[]> cells(String field, String text, int columns, String format) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(field + " is required: one partner per line, " + format);
        }
        List<String[]> rows = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\\R|\\|")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(";", -1);
            if (cells.length != columns) {
                throw DomainException.invalid(field + " line " + number + " must read '" + format + "' (" + columns
                        + " values separated by ';', got " + cells.length + ")");
            }
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            if (cells[0].isEmpty()) {
                throw DomainException.invalid(field + " line " + number + ": the organisation id is missing");
            }
            rows.add(cells);
        }
        if (rows.isEmpty()) {
            throw DomainException.invalid(field + " is required: one partner per line, " + format);
        }
        if (rows.size() > MAX_LINES) {
            throw DomainException.invalid(field + " has more than " + MAX_LINES + " lines");
        }
        return rows;
    }
}
