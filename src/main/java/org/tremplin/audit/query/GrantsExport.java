package org.tremplin.audit.query;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.DecidedGrantView;
import org.tremplin.funding.api.FindDecidedGrantsQuery;
import org.tremplin.funding.api.FindCallQuery;
import org.tremplin.funding.api.FindFunderQuery;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.project.api.FindHistoricalProjectQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.FindProjectsQuery;
import org.tremplin.project.api.HistoricalProjectView;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Money;
import org.tremplin.shared.Percentage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The grants as a <a href="https://standard.threesixtygiving.org/">360Giving</a> data package (schema 1.4): one grant
 * per convention (a funder's grant to one partner of a project), read through the funding, organisation and project
 * query APIs, never from another context's tables.
 *
 * <p>Mapping: {@code id} {@code 360G-tremplin-<conventionId>}; {@code amountAwarded} the current grant after
 * amendments, {@code amountAppliedFor} the partner's request, {@code amountDisbursed} the total paid with one
 * {@code disbursementTransaction} per payment; {@code awardDate} the funder's decision date; {@code plannedDates} from
 * the signature date to the convention's end date, once signed; {@code grantProgramme} the call; a pooled fund is the
 * first {@code fundingOrganization}, followed by each contributor, whose share is stated in the description and as a
 * {@code classifications} entry (vocabulary {@code tremplin:pooled-fund-share}, code {@code <contributor>:<percent>}).
 * Organisations have no registered 360Giving prefix: their ids are {@code 360G-tremplin-<organisation id>}, with the
 * SIREN as {@code companyNumber} when there is one.
 */
@Service
public class GrantsExport {

    public static final String PREFIX = "360G-tremplin-";
    public static final String RESOURCE = "/api/audit/grants/360giving";
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9._-]{1,80}");

    /** Beyond this many projects named by the grants, every project is read in one query rather than each alone. */
    private static final int PROJECTS_READ_ONE_BY_ONE = 100;

    private final QueryGateway queries;
    private final AuditAccessLog accessLog;
    private final Clock clock;

    public GrantsExport(QueryGateway queries, AuditAccessLog accessLog, Clock clock) {
        this.queries = queries;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    /** The parameters of an export: a project, a period of decision dates (inclusive), or both. */
    public record Selection(String projectId, LocalDate from, LocalDate to) {

        public static Selection of(String projectId, String from, String to) {
            String project = projectId == null || projectId.isBlank() ? null : projectId.strip();
            if (project != null && !PROJECT_ID.matcher(project).matches()) {
                throw DomainException.invalid("Parameter 'projectId' has an invalid value: expected a project id such as PRJ-1A2B3C4D");
            }
            LocalDate start = date("from", from);
            LocalDate end = date("to", to);
            if (project == null && start == null && end == null) {
                throw DomainException.invalid("Give a project (projectId=PRJ-…) or a period of decision dates "
                        + "(from=2027-01-01&to=2027-12-31, inclusive), or both");
            }
            if (start != null && end != null && start.isAfter(end)) {
                throw DomainException.invalid("Parameter 'from' (" + start + ") must not be after 'to' (" + end + ")");
            }
            return new Selection(project, start, end);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (projectId != null) {
                parts.add("projectId=" + projectId);
            }
            if (from != null) {
                parts.add("from=" + from);
            }
            if (to != null) {
                parts.add("to=" + to);
            }
            return String.join("&", parts);
        }

        private static LocalDate date(String name, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("Parameter '" + name + "' must be a date such as 2027-03-31, not '"
                        + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
            }
        }
    }

    /**
     * The 360Giving package of the selected grants, to be written by {@link Package#writeTo}. What it holds is read
     * and checked here (a refusal, or a 404 when it would hold no grant, comes before anything is written), and the read
     * is recorded in the audit access log; each grant is built as it is written, so the package of a national year
     * (44,715 grants, 80 MB of JSON on the generated store) is never held whole in memory: held whole, three such
     * exports at once ran a 512 MB heap out of memory (session 20).
     */
    @Transactional
    public Package export(Selection selection, HistoryReader reader) {
        reader.requireAuditAccess("the grants");
        Map<String, ProjectView> projects = new HashMap<>();
        if (selection.projectId() != null) {
            ProjectView project = queries.query(new FindProjectQuery(selection.projectId()),
                            ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                    .orElseThrow(() -> noProject(selection.projectId()));
            projects.put(project.id(), project);
        }
        // the grants selected, at once (a period may hold every grant of the store), then the projects they name
        List<DecidedGrantView> decided = queries.query(new FindDecidedGrantsQuery(selection.projectId(), selection.from(),
                selection.to()), ResponseTypes.multipleInstancesOf(DecidedGrantView.class)).join();
        java.util.Set<String> named = new java.util.TreeSet<>();
        decided.forEach(g -> named.add(g.projectId()));
        named.removeAll(projects.keySet());
        if (named.size() > PROJECTS_READ_ONE_BY_ONE) {
            queries.query(new FindProjectsQuery(), ResponseTypes.multipleInstancesOf(ProjectView.class)).join()
                    .forEach(p -> projects.putIfAbsent(p.id(), p));
        } else {
            named.forEach(id -> queries.query(new FindProjectQuery(id), ResponseTypes.optionalInstanceOf(ProjectView.class))
                    .join().ifPresent(p -> projects.put(p.id(), p)));
        }
        List<Selected> grants = new ArrayList<>();
        for (DecidedGrantView g : decided) {
            ProjectView project = projects.get(g.projectId());
            if (project != null) { // a convention of a project not in the models: none
                grants.add(new Selected(project, g));
            }
        }
        // the order of the grants written: by award date, then id
        grants.sort(Comparator.comparing((Selected g) -> String.valueOf(g.grant().decidedOn()))
                .thenComparing(g -> PREFIX + g.grant().conventionId()));
        if (grants.isEmpty()) {
            throw DomainException.notFound("No grant was decided " + (selection.projectId() == null ? ""
                    : "for project " + selection.projectId() + " ") + period(selection)
                    + "; a 360Giving package holds at least one grant");
        }
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("version", "1.4");
        pack.put("title", "Tremplin grants" + (selection.projectId() == null ? "" : " of project " + selection.projectId())
                + period(selection));
        pack.put("description", "The grants decided by the funders of the cluster's projects: one grant per convention "
                + "(a funder's grant to one partner of a project), amounts in euros as they stand after amendments, "
                + "with the payments made.");
        pack.put("identifier", "tremplin-grants-" + selection.describe().replaceAll("[^A-Za-z0-9=&.-]", "_")
                + "-" + clock.instant().truncatedTo(ChronoUnit.SECONDS));
        pack.put("issued", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        pack.put("publisher", Map.of("name", "Tremplin"));
        accessLog.record(reader.userId(), reader.roles(), RESOURCE, selection.describe());
        return new Package(pack, grants, new Lookups());
    }

    /** A grant selected: its convention and its project. */
    private record Selected(ProjectView project, DecidedGrantView grant) {
    }

    /** A 360Giving package ready to be written: its fields, then its grants, each built as it is written. */
    public final class Package {

        private final Map<String, Object> fields;
        private final List<Selected> grants;
        private final Lookups lookups;

        private Package(Map<String, Object> fields, List<Selected> grants, Lookups lookups) {
            this.fields = fields;
            this.grants = grants;
            this.lookups = lookups;
        }

        /** Writes the package as one JSON object (the generator needs a codec: one made by an ObjectMapper). */
        public void writeTo(com.fasterxml.jackson.core.JsonGenerator generator) throws java.io.IOException {
            generator.writeStartObject();
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                generator.writeFieldName(field.getKey());
                generator.writeObject(field.getValue());
            }
            generator.writeArrayFieldStart("grants");
            for (Selected selected : grants) {
                generator.writeObject(grant(selected.project(), selected.grant(), lookups));
            }
            generator.writeEndArray();
            generator.writeEndObject();
            generator.flush();
        }
    }

    /**
     * A project not run in Tremplin. An imported historical project is named as such: its ANR aid is left out of the
     * package on purpose (the ANR publishes its own grants; the data set gives no decision date for 360Giving's required
     * {@code awardDate}; see import.md), not because the project does not exist.
     */
    private DomainException noProject(String projectId) {
        boolean imported = queries.query(new FindHistoricalProjectQuery(projectId),
                ResponseTypes.optionalInstanceOf(HistoricalProjectView.class)).join().isPresent();
        return DomainException.notFound(imported
                ? "Project " + projectId + " is imported history (ANR open data), not a project run in Tremplin: its aid is "
                + "not in the 360Giving export (the ANR publishes its own grants and the data set gives no award date); "
                + "it is in the project's timeline and its CSV / CloudEvents export"
                : "No project " + projectId);
    }

    private Map<String, Object> grant(ProjectView project, DecidedGrantView convention, Lookups lookups) {
        OrganisationView recipient = lookups.organisation(convention.organisationId());
        String recipientName = recipient == null ? convention.organisationId() : recipient.name();
        FunderView funder = lookups.funder(convention.funderId());
        String funderName = funder != null ? funder.name()
                : convention.funderName() != null ? convention.funderName() : convention.funderId();
        CallView call = convention.callId() == null ? null : lookups.call(convention.callId());
        List<PooledFundContributor> contributors = !convention.contributors().isEmpty() ? convention.contributors()
                : funder != null && funder.kind() == FunderKind.POOLED_FUND ? funder.contributors() : List.of();

        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("id", PREFIX + convention.conventionId());
        grant.put("title", project.title() + ": " + funderName + " grant to " + recipientName);
        StringBuilder description = new StringBuilder("Grant of ").append(euros(convention.grantedAmount()))
                .append(" by ").append(funderName).append(" to ").append(recipientName)
                .append(" for its part in the R&D project ").append(project.id()).append(" \"").append(project.title())
                .append("\"");
        if (call != null) {
            description.append(", call ").append(call.code()).append(" \"").append(call.title()).append("\"");
        }
        description.append("; decided on ").append(convention.decidedOn()).append(". Convention ").append(convention.conventionId())
                .append(", version ").append(convention.version()).append(", ").append(convention.status())
                .append(": paid ").append(euros(convention.paidTotal()));
        if (convention.releasedAmount() != null && convention.releasedAmount().signum() > 0) {
            description.append(", released ").append(euros(convention.releasedAmount()));
        }
        description.append(".");
        if (!contributors.isEmpty()) {
            description.append(" Pooled fund: ").append(String.join(", ", contributors.stream()
                    .map(c -> lookups.contributorName(c.contributor()) + " " + Percentage.plain(c.sharePercent()) + " %")
                    .toList())).append(".");
        }
        grant.put("description", description.toString());
        grant.put("currency", "EUR");
        if (convention.requestedAmount() != null) {
            grant.put("amountAppliedFor", convention.requestedAmount());
        }
        grant.put("amountAwarded", convention.grantedAmount());
        grant.put("amountDisbursed", convention.paidTotal());
        grant.put("awardDate", String.valueOf(convention.decidedOn()));
        if (convention.signedOn() != null || convention.endDate() != null) {
            Map<String, Object> planned = new LinkedHashMap<>();
            if (convention.signedOn() != null) {
                planned.put("startDate", convention.signedOn().toString());
            }
            if (convention.endDate() != null) {
                planned.put("endDate", convention.endDate().toString());
            }
            if (convention.signedOn() != null && convention.endDate() != null) {
                planned.put("duration", ChronoUnit.MONTHS.between(convention.signedOn(), convention.endDate()));
            }
            grant.put("plannedDates", List.of(planned));
        }
        grant.put("recipientOrganization", List.of(recipient(convention.organisationId(), recipientName, recipient)));
        List<Map<String, Object>> funders = new ArrayList<>();
        Map<String, Object> funding = new LinkedHashMap<>();
        funding.put("id", PREFIX + convention.funderId());
        funding.put("name", funderName);
        funders.add(funding);
        for (PooledFundContributor contributor : contributors) {
            String id = contributorId(contributor.contributor(), lookups);
            if (funders.stream().noneMatch(f -> f.get("id").equals(id))) {
                Map<String, Object> contributing = new LinkedHashMap<>();
                contributing.put("id", id);
                contributing.put("name", lookups.contributorName(contributor.contributor()));
                funders.add(contributing);
            }
        }
        grant.put("fundingOrganization", funders);
        if (call != null || convention.callId() != null) {
            Map<String, Object> programme = new LinkedHashMap<>();
            programme.put("code", convention.callId());
            programme.put("title", call == null ? convention.callCode() : call.title());
            grant.put("grantProgramme", List.of(programme));
        }
        grant.put("fromOpenCall", "Yes");
        List<Map<String, Object>> classifications = new ArrayList<>();
        classifications.add(classification("tremplin:convention-status", convention.status().name(),
                "Convention " + convention.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        if (funder != null) {
            classifications.add(classification("tremplin:funder-kind", funder.kind().name(), "Funder kind " + funder.kind().name()));
        }
        for (PooledFundContributor contributor : contributors) {
            String percent = Percentage.plain(contributor.sharePercent());
            classifications.add(classification("tremplin:pooled-fund-share",
                    contributorId(contributor.contributor(), lookups) + ":" + percent,
                    lookups.contributorName(contributor.contributor()) + " bears " + percent + " % of the pooled fund's payments"));
        }
        grant.put("classifications", classifications);
        if (!convention.payments().isEmpty()) {
            grant.put("disbursementTransaction", convention.payments().stream().map(payment -> {
                Map<String, Object> transaction = new LinkedHashMap<>();
                transaction.put("id", payment.paymentId());
                transaction.put("transactionDate", payment.paidAt().toString());
                transaction.put("currency", "EUR");
                transaction.put("value", payment.amount());
                return transaction;
            }).toList());
        }
        if (recipient != null && recipient.region() != null && !recipient.region().isBlank()) {
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("name", recipient.region());
            location.put("countryCode", "FR");
            grant.put("beneficiaryLocation", List.of(location));
        }
        return grant;
    }

    private static Map<String, Object> recipient(String organisationId, String name, OrganisationView organisation) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("id", PREFIX + organisationId);
        recipient.put("name", name);
        if (organisation != null) {
            if (organisation.nationalIdScheme() == NationalIdScheme.SIREN) {
                recipient.put("companyNumber", organisation.nationalId());
            }
            if (organisation.region() != null && !organisation.region().isBlank()) {
                recipient.put("addressRegion", organisation.region());
            }
            recipient.put("addressCountry", "FR");
            if (organisation.kind() != null) {
                recipient.put("organisationType", organisation.kind().name());
            }
        }
        return recipient;
    }

    private static Map<String, Object> classification(String vocabulary, String code, String title) {
        Map<String, Object> classification = new LinkedHashMap<>();
        classification.put("vocabulary", vocabulary);
        classification.put("code", code);
        classification.put("title", title);
        return classification;
    }

    /** A contributor that is a registered funder keeps its funder id; another (e.g. a city) gets one from its name. */
    private static String contributorId(String contributor, Lookups lookups) {
        return lookups.funder(contributor) != null ? PREFIX + contributor
                : PREFIX + "contributor-" + contributor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }

    private static String period(Selection selection) {
        if (selection.from() == null && selection.to() == null) {
            return "";
        }
        return selection.from() == null ? " until " + selection.to()
                : selection.to() == null ? " from " + selection.from()
                : " from " + selection.from() + " to " + selection.to();
    }

    private static String euros(BigDecimal amount) {
        return Money.plain(amount == null ? BigDecimal.ZERO : amount);
    }

    /** The reads of one export, each asked once. */
    private final class Lookups {

        private final Map<String, Optional<OrganisationView>> organisations = new HashMap<>();
        private final Map<String, Optional<FunderView>> funders = new HashMap<>();
        private final Map<String, Optional<CallView>> calls = new HashMap<>();

        OrganisationView organisation(String id) {
            return organisations.computeIfAbsent(id, k -> queries.query(new FindOrganisationQuery(k),
                    ResponseTypes.optionalInstanceOf(OrganisationView.class)).join()).orElse(null);
        }

        FunderView funder(String id) {
            return funders.computeIfAbsent(id, k -> queries.query(new FindFunderQuery(k),
                    ResponseTypes.optionalInstanceOf(FunderView.class)).join()).orElse(null);
        }

        CallView call(String id) {
            return calls.computeIfAbsent(id, k -> queries.query(new FindCallQuery(k),
                    ResponseTypes.optionalInstanceOf(CallView.class)).join()).orElse(null);
        }

        String contributorName(String contributor) {
            FunderView funder = funder(contributor);
            return funder == null ? contributor : funder.name();
        }
    }
}
