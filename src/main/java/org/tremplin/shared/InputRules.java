package org.tremplin.shared;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * What any input must respect, wherever it comes from (API body, task form, engine REST): text without control
 * characters (tabs and line breaks aside), bidirectional overrides or lone surrogates, dates within a sensible window.
 */
public final class InputRules {

    /** The window of dates any input may carry. */
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2200;

    /** How far ahead a planned date (an extended closing or end date) may be moved. */
    public static final int MAX_YEARS_AHEAD = 10;

    /** What every id of the domain is: 1 to 200 letters, digits, '.', '_' or '-'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private InputRules() {
    }

    /** What is wrong with a text, or null when it is acceptable. */
    public static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "contains a lone surrogate (U+" + hex(c) + "), which is not a character; send valid UTF-8 text";
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return "contains a control character (U+" + hex(c) + " at position " + (i + 1)
                        + "); remove it (only tabs and line breaks are allowed)";
            }
            if (bidiControl(c)) {
                return "contains a bidirectional embedding, override or isolate (U+" + hex(c) + " at position " + (i + 1)
                        + "), which makes a text read differently from what is stored; remove it (right-to-left"
                        + " scripts need none)";
            }
        }
        return null;
    }

    /**
     * The explicit bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder what
     * a reader sees (a name or a reason shown reversed in a timeline an auditor reads, "Trojan Source"). Text in
     * Arabic or Hebrew is laid out without them; the marks U+200E and U+200F stay allowed.
     */
    private static boolean bidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /** The text, refused as invalid input when {@link #textProblem} finds something. */
    public static String checkedText(String text, String field) {
        String problem = text == null ? null : textProblem(text);
        if (problem != null) {
            throw DomainException.invalid(field + " " + problem);
        }
        return text;
    }

    /** The date, refused as invalid input outside {@link #MIN_YEAR}..{@link #MAX_YEAR}. */
    public static LocalDate checkedDate(LocalDate date, String field) {
        if (date != null && (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR)) {
            throw DomainException.invalid(field + " must be between " + MIN_YEAR + " and " + MAX_YEAR + " (got " + date + ")");
        }
        return date;
    }

    /**
     * The planned date, refused as a broken rule when it lies more than {@link #MAX_YEARS_AHEAD} years after {@code from},
     * e.g. "closingDate is too far ahead (got …): a call closes at most 10 years from today, … at the latest".
     */
    public static LocalDate checkedYearsAhead(LocalDate date, LocalDate from, String field, String rule, String fromWhat) {
        LocalDate horizon = from.plusYears(MAX_YEARS_AHEAD);
        if (date.isAfter(horizon)) {
            throw DomainException.ruleViolated(field + " is too far ahead (got " + date + "): " + rule + " at most "
                    + MAX_YEARS_AHEAD + " years " + fromWhat + ", " + horizon + " at the latest");
        }
        return date;
    }

    /**
     * The identifier, refused as invalid input unless it is 1 to 200 letters, digits, '.', '_' or '-' (what every id of
     * the domain is), e.g. "projectId: 'PRJ-X' OR 1=1' is not an id (...)".
     */
    public static String checkedId(String id, String field) {
        if (id == null || !ID.matcher(id).matches()) {
            String shown = id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "…" : id;
            throw DomainException.invalid(field + ": '" + shown + "' is not an id (letters, digits, '.', '_' or '-', at most 200)");
        }
        return id;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    /**
     * A whole number given as a request parameter ({@code page}, {@code size}), between {@code min} and {@code max};
     * {@code absent} when not given. Anything else is refused with a message naming the parameter and its bounds.
     */
    public static int checkedNumber(String name, String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            if (value.strip().matches("[-+]?\\d+")) {  // a whole number, too large for any page
                throw DomainException.invalid("Parameter '" + name + "' must be between " + min + " and " + max
                        + " (got " + value.strip() + ")");
            }
            throw DomainException.invalid("Parameter '" + name + "' must be a whole number (got '" + value + "')");
        }
        if (number < min || number > max) {
            throw DomainException.invalid("Parameter '" + name + "' must be between " + min + " and " + max
                    + " (got " + number + ")");
        }
        return number;
    }
}
