package org.tremplin.portfolio.command;

import org.tremplin.organisation.api.ImportOrganisationCommand;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.portfolio.api.ImportRefusal;
import org.tremplin.portfolio.api.OrganisationMerge;
import org.tremplin.project.api.HistoricalPartner;
import org.tremplin.project.api.ImportHistoricalProjectCommand;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything an import will do, decided from the files (and the registry's members) before any row is stored: the
 * organisations with their merged spellings, and per project row either the commands to send or the reason it is
 * refused. Deterministic: the same files and registry give the same plan, so a resumed run sends the same commands.
 */
final class ImportPlan {

    static final String FUNDER = "ANR (Agence nationale de la recherche, PIA)";
    static final Pattern DECISION_CODE = Pattern.compile("ANR-\\d{2}-[A-Z0-9]{2,6}-\\d{4}(-\\d{2})?");
    /** Day 0 of the spreadsheet day numbers the export uses for dates (1900 date system). */
    static final LocalDate SPREADSHEET_EPOCH = LocalDate.of(1899, 12, 30);
    static final int MAX_TEXT = 10_000;
    static final BigDecimal FLOAT_NOISE = new BigDecimal("0.000001");

    /** An organisation the partner rows name (all its spellings), as it will be in the registry. */
    static final class Cluster {
        final String key;
        String id;
        String name;
        String partnerCode;
        int firstRow;
        boolean existing;
        OrganisationKind kind;
        String category;
        String town;
        String region;
        String country;
        final Map<String, Integer> spellings = new LinkedHashMap<>();
        final Map<OrganisationKind, Integer> kinds = new LinkedHashMap<>();
        final Map<String, Integer> categories = new LinkedHashMap<>();
        final Map<String, Integer> towns = new LinkedHashMap<>();
        final Map<String, Integer> regions = new LinkedHashMap<>();

        Cluster(String key) {
            this.key = key;
        }

        ImportOrganisationCommand command(String runId) {
            return new ImportOrganisationCommand(id, name, partnerCode, kind, category, town, region, country, runId,
                    AnrFiles.PARTNERS_FILE, firstRow);
        }
    }

    /** One project row: the command and what it needs, or why it is refused. */
    record Planned(int index, int row, String code, ImportHistoricalProjectCommand command, List<Cluster> organisations,
                   String coordinatorOrganisationId, BigDecimal aid, int mergedRows, int unknownRows, String refusal) {
    }

    final List<Planned> projects = new ArrayList<>();
    final List<OrganisationMerge> merges = new ArrayList<>();
    final List<ImportRefusal> fileRefusals = new ArrayList<>();
    final Map<String, Cluster> clusters = new LinkedHashMap<>();
    int partnerRows;
    /** Each name's key, mapped to the first key met one typing slip from it (see {@link NameMatcher#oneSlipApart}). */
    private final Map<String, String> canonicalKeys = new LinkedHashMap<>();

    private String canonicalKey(String name) {
        String key = NameMatcher.key(name);
        String known = canonicalKeys.get(key);
        if (known != null) {
            return known;
        }
        String canonical = key;
        for (String earlier : canonicalKeys.values()) {
            if (earlier.equals(canonicalKeys.get(earlier)) && NameMatcher.oneSlipApart(earlier, key)) {
                canonical = earlier;
                break;
            }
        }
        canonicalKeys.put(key, canonical);
        return canonical;
    }

    /**
     * @param existing the registry's members by {@link NameMatcher#key}: id and name (a matching cluster joins them)
     */
    static ImportPlan of(AnrFiles.Parsed files, String runId, Map<String, String[]> existing) {
        ImportPlan plan = new ImportPlan();
        plan.partnerRows = files.partners().size();
        Map<String, List<AnrFiles.Row>> partnersByProject = new LinkedHashMap<>();
        Set<String> projectCodes = new HashSet<>();
        for (AnrFiles.Row row : files.projects()) {
            if (row.get(AnrFiles.P_CODE) != null) {
                projectCodes.add(row.get(AnrFiles.P_CODE));
            }
        }
        for (AnrFiles.Row row : files.partners()) {
            String project = row.get(AnrFiles.Q_PROJECT);
            if (project == null || project.isEmpty() || !projectCodes.contains(project)) {
                plan.fileRefusals.add(new ImportRefusal(AnrFiles.PARTNERS_FILE, row.row(),
                        "its project " + (project == null || project.isEmpty() ? "(empty)" : project)
                                + " is not in " + AnrFiles.PROJECTS_FILE));
                continue;
            }
            partnersByProject.computeIfAbsent(project, k -> new ArrayList<>()).add(row);
            String name = AnrFiles.known(row.get(AnrFiles.Q_NAME));
            if (name == null || !row.consistent()) {
                continue;
            }
            Cluster cluster = plan.clusters.computeIfAbsent(plan.canonicalKey(name), Cluster::new);
            if (cluster.partnerCode == null) {
                cluster.partnerCode = row.get(AnrFiles.Q_CODE);
                cluster.firstRow = row.row();
            }
            cluster.spellings.merge(name, 1, Integer::sum);
            OrganisationKind kind = CategoryMapping.kind(row.get(AnrFiles.Q_CATEGORY));
            cluster.kinds.merge(kind, 1, Integer::sum);
            count(cluster.categories, AnrFiles.known(row.get(AnrFiles.Q_CATEGORY)));
            count(cluster.towns, AnrFiles.known(row.get(AnrFiles.Q_TOWN)));
            count(cluster.regions, AnrFiles.known(row.get(AnrFiles.Q_REGION)));
            if (cluster.country == null) {
                cluster.country = AnrFiles.known(row.get(AnrFiles.Q_COUNTRY));
            }
        }
        for (Cluster cluster : plan.clusters.values()) {
            plan.settle(cluster, existing.get(cluster.key));
        }
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (AnrFiles.Row row : files.projects()) {
            plan.projects.add(plan.plan(index++, row, partnersByProject, seen, runId));
        }
        return plan;
    }

    private static void count(Map<String, Integer> counts, String value) {
        if (value != null) {
            counts.merge(value, 1, Integer::sum);
        }
    }

    /** The most frequent value (the first met on a tie), or null. */
    private static <T> T top(Map<T, Integer> counts) {
        T best = null;
        int most = 0;
        for (Map.Entry<T, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > most) {
                best = entry.getKey();
                most = entry.getValue();
            }
        }
        return best;
    }

    private void settle(Cluster cluster, String[] member) {
        Map<OrganisationKind, Integer> known = new LinkedHashMap<>(cluster.kinds);
        known.remove(OrganisationKind.UNKNOWN);
        cluster.kind = known.isEmpty() ? OrganisationKind.UNKNOWN : top(known);
        cluster.category = top(cluster.categories);
        cluster.town = top(cluster.towns);
        cluster.region = top(cluster.regions);
        if (member != null) {
            cluster.existing = true;
            cluster.id = member[0];
            cluster.name = member[1];
        } else {
            cluster.id = NationalIdScheme.OTHER.organisationId(cluster.partnerCode);
            cluster.name = top(cluster.spellings);
        }
        for (Map.Entry<String, Integer> spelling : cluster.spellings.entrySet()) {
            if (!spelling.getKey().equals(cluster.name)) {
                merges.add(new OrganisationMerge(cluster.id, cluster.name, spelling.getKey(), spelling.getValue(),
                        NameMatcher.reason(cluster.name, spelling.getKey())
                                + (cluster.existing ? "; matched a member already in the registry" : "")));
            } else if (cluster.existing) {
                merges.add(new OrganisationMerge(cluster.id, cluster.name, spelling.getKey(), spelling.getValue(),
                        "same name as a member already in the registry"));
            }
        }
    }

    private Planned plan(int index, AnrFiles.Row row, Map<String, List<AnrFiles.Row>> partnersByProject,
                         Set<String> seen, String runId) {
        String code = row.get(AnrFiles.P_CODE);
        try {
            if (!row.consistent()) {
                throw new Refused("the row has " + row.cells().size() + " cells, not " + AnrFiles.PROJECT_COLUMNS.size()
                        + " as the header says");
            }
            if (code == null || !DECISION_CODE.matcher(code).matches()) {
                throw new Refused("decision code '" + code + "' is not an ANR decision code like ANR-10-IEED-0008");
            }
            if (!seen.add(code)) {
                throw new Refused("decision code " + code + " appears on an earlier row");
            }
            int edition = edition(row.get(AnrFiles.P_EDITION));
            String programme = required(row, AnrFiles.P_PROGRAMME, "programme", 100);
            String acronym = required(row, AnrFiles.P_ACRONYM, "acronym", 200);
            String title = required(row, AnrFiles.P_TITLE, "title", 1000);
            String summary = AnrFiles.known(row.get(AnrFiles.P_SUMMARY));
            if (summary != null && summary.length() > MAX_TEXT) {
                summary = summary.substring(0, MAX_TEXT - 1) + "…";
            }
            LocalDate start = startDate(row.get(AnrFiles.P_START));
            BigDecimal aid = aid(row.get(AnrFiles.P_AID));
            List<HistoricalPartner> partners = new ArrayList<>();
            Map<String, Cluster> organisations = new LinkedHashMap<>();
            String coordinator = null;
            int coordinators = 0;
            int merged = 0;
            int unknown = 0;
            Set<String> partnerCodes = new HashSet<>();
            for (AnrFiles.Row p : partnersByProject.getOrDefault(code, List.of())) {
                String where = AnrFiles.PARTNERS_FILE + " row " + p.row();
                if (!p.consistent()) {
                    throw new Refused(where + " has " + p.cells().size() + " cells, not as many as the header");
                }
                String partnerCode = p.get(AnrFiles.Q_CODE);
                // as published: one partner code of ANR-10-IEED-0008 reads ANR-10-IEED-0805-05, kept as it is
                if (partnerCode == null || NationalIdScheme.OTHER.problemWith(partnerCode) != null) {
                    throw new Refused(where + ": partner code '" + partnerCode + "' is not a partner code like " + code + "-01");
                }
                if (!partnerCodes.add(partnerCode)) {
                    throw new Refused(where + ": partner code " + partnerCode + " appears twice");
                }
                String flag = p.get(AnrFiles.Q_COORDINATOR);
                if (!"0".equals(flag) && !"1".equals(flag)) {
                    throw new Refused(where + ": coordinator flag '" + flag + "' is neither 1 (lead) nor 0");
                }
                boolean lead = "1".equals(flag);
                String name = AnrFiles.known(p.get(AnrFiles.Q_NAME));
                if (name != null && name.length() > 200) {
                    throw new Refused(where + ": organisation name longer than 200 characters");
                }
                Cluster cluster = name == null ? null : clusters.get(canonicalKey(name));
                if (cluster == null) {
                    unknown++;
                } else {
                    organisations.putIfAbsent(cluster.id, cluster);
                    if (!name.equals(cluster.name)) {
                        merged++;
                    }
                }
                if (lead) {
                    coordinators++;
                    coordinator = cluster == null ? null : cluster.id;
                }
                partners.add(new HistoricalPartner(partnerCode, cluster == null ? null : cluster.id, name,
                        cluster == null ? CategoryMapping.kind(p.get(AnrFiles.Q_CATEGORY)) : cluster.kind, lead,
                        AnrFiles.known(p.get(AnrFiles.Q_TOWN)), AnrFiles.known(p.get(AnrFiles.Q_REGION)), p.row()));
            }
            if (coordinators > 1) {
                throw new Refused(coordinators + " partner rows say they coordinate the project; at most one may");
            }
            ImportHistoricalProjectCommand command = new ImportHistoricalProjectCommand(code, acronym, title, summary,
                    FUNDER, programme, edition, start, aid, List.copyOf(partners), runId, AnrFiles.PROJECTS_FILE,
                    row.row(), AnrFiles.PARTNERS_FILE);
            return new Planned(index, row.row(), code, command, List.copyOf(organisations.values()), coordinator, aid,
                    merged, unknown, null);
        } catch (Refused refused) {
            return new Planned(index, row.row(), code, null, List.of(), null, null, 0, 0, refused.getMessage());
        }
    }

    private static String required(AnrFiles.Row row, String column, String field, int max) {
        String value = row.get(column);
        if (value == null || value.isEmpty()) {
            throw new Refused(field + " (" + column + ") is empty");
        }
        if (value.length() > max) {
            throw new Refused(field + " (" + column + ") is longer than " + max + " characters");
        }
        return value;
    }

    private static int edition(String value) {
        try {
            int year = Integer.parseInt(value);
            if (year >= 2000 && year <= 2100) {
                return year;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // refused below
        }
        throw new Refused("edition '" + value + "' is not a year between 2000 and 2100");
    }

    /** A spreadsheet day number (as the export has it), an ISO date, or nothing (unknown). */
    static LocalDate startDate(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.matches("\\d{5}")) {
            LocalDate date = SPREADSHEET_EPOCH.plusDays(Long.parseLong(value));
            if (date.getYear() >= 2000 && date.getYear() <= 2100) {
                return date;
            }
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() >= 2000 && date.getYear() <= 2100) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new Refused("start date '" + value + "' is neither a spreadsheet day number nor a date (yyyy-mm-dd) "
                + "between 2000 and 2100");
    }

    /**
     * The allocated aid in euros. A few cells carry the binary floating-point noise of the spreadsheet conversion
     * (9999997.810000001): a value within a millionth of a euro of a cent is that cent; anything finer is refused.
     */
    static BigDecimal aid(String value) {
        try {
            BigDecimal aid = new BigDecimal(value == null || value.isEmpty() ? "0" : value);
            BigDecimal cents = aid.setScale(2, java.math.RoundingMode.HALF_UP);
            if (aid.signum() >= 0 && cents.subtract(aid).abs().compareTo(FLOAT_NOISE) < 0
                    && aid.compareTo(new BigDecimal("1e12")) < 0) {
                return cents;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refused("allocated aid '" + value + "' is not an amount in euros (0 or more, at most two decimals)");
    }

    /** A row refused: the message says why. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Clusters by id, for a look-up in the report. */
    List<Cluster> organisationsInOrder() {
        List<Cluster> all = new ArrayList<>(clusters.values());
        all.sort(Comparator.comparingInt(c -> c.firstRow));
        return all;
    }
}
