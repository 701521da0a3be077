package org.tremplin.funding.query;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.CapacityOverviewView;
import org.tremplin.funding.api.CarrierCapacityView;
import org.tremplin.funding.api.FindCapacityOverviewQuery;
import org.tremplin.funding.api.FindCarrierCapacityQuery;
import org.tremplin.funding.api.FindPredictedPaymentsQuery;
import org.tremplin.funding.api.FindProjectCapacityQuery;
import org.tremplin.funding.api.PredictedPaymentsView;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.ProjectCapacityView;
import org.tremplin.funding.query.CarrierCapacity.Aid;
import org.tremplin.funding.query.CarrierCapacity.AidState;
import org.tremplin.funding.query.CarrierCapacity.Lag;
import org.tremplin.funding.query.CarrierCapacity.Stage;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.FindOrganisationsQuery;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.FindPartnershipsQuery;
import org.tremplin.project.api.PartnershipView;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.Money;
import org.tremplin.shared.ParisTime;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers an organisation's projects, aid, conventions, payments and its funders' lead times from the read models
 * (the project and organisation contexts through their api queries, funding's own tables directly), hands them to the
 * pure {@link CarrierCapacity} arithmetic and the verdict to {@link CapacityRules}. Nothing is stored: the check is
 * recomputed on every read, as of today (Paris). The figures a pole may change are {@code tremplin.capacity.*}
 * (src/docs/capacity.md).
 */
@Component
public class CapacityQueries {

    /** Projects counted: running (labelled, funding, in research) and candidate (before the label). */
    static final Set<ProjectStatus> CANDIDATE = EnumSet.of(ProjectStatus.CONSORTIUM_BUILDING,
            ProjectStatus.AWAITING_REVIEWERS, ProjectStatus.UNDER_REVIEW);
    static final Set<ProjectStatus> RUNNING = EnumSet.of(ProjectStatus.LABEL_GRANTED, ProjectStatus.FUNDING,
            ProjectStatus.IN_RESEARCH);

    static final String EXPECTED_FUNDER = "EXPECTED";

    private final JdbcClient jdbc;
    private final QueryGateway queryGateway;
    private final CapacityRules rules;
    private final Clock clock;
    private final CarrierCapacity.Settings settings;
    private final Map<OrganisationKind, BigDecimal> expectedRates = new EnumMap<>(OrganisationKind.class);
    private final BigDecimal expectedAdvancePercent;
    private final BigDecimal expectedInterimCapPercent;

    public CapacityQueries(JdbcClient jdbc, QueryGateway queryGateway, CapacityRules rules, Clock clock,
                           @Value("${tremplin.capacity.minimum-history:5}") int minimumHistory,
                           @Value("${tremplin.capacity.default-duration-months:36}") int defaultDurationMonths,
                           @Value("${tremplin.capacity.statement-interval-months:6}") int statementIntervalMonths,
                           @Value("${tremplin.capacity.person-year-cost:100000}") BigDecimal personYearCost,
                           @Value("${tremplin.capacity.annual-capacity-per-head:100000}") BigDecimal annualCapacityPerHead,
                           @Value("${tremplin.capacity.default-days.submission-to-decision:120}") int submissionToDecision,
                           @Value("${tremplin.capacity.default-days.decision-to-convention:90}") int decisionToConvention,
                           @Value("${tremplin.capacity.default-days.convention-to-first-payment:30}") int conventionToFirstPayment,
                           @Value("${tremplin.capacity.default-days.statement-to-instalment:60}") int statementToInstalment,
                           @Value("${tremplin.capacity.default-days.first-payment-to-balance:730}") int firstPaymentToBalance,
                           @Value("${tremplin.capacity.expected-aid.sme:45}") BigDecimal smeRate,
                           @Value("${tremplin.capacity.expected-aid.mid-size-company:30}") BigDecimal midSizeRate,
                           @Value("${tremplin.capacity.expected-aid.large-company:25}") BigDecimal largeRate,
                           @Value("${tremplin.capacity.expected-aid.research-lab:40}") BigDecimal labRate,
                           @Value("${tremplin.capacity.expected-aid.other:0}") BigDecimal otherRate,
                           @Value("${tremplin.capacity.expected-aid.advance-percent:20}") BigDecimal advancePercent,
                           @Value("${tremplin.capacity.expected-aid.interim-cap-percent:80}") BigDecimal interimCapPercent) {
        this.jdbc = jdbc;
        this.queryGateway = queryGateway;
        this.rules = rules;
        this.clock = clock;
        Map<Stage, Integer> defaults = new EnumMap<>(Stage.class);
        defaults.put(Stage.SUBMISSION_TO_DECISION, submissionToDecision);
        defaults.put(Stage.DECISION_TO_CONVENTION, decisionToConvention);
        defaults.put(Stage.CONVENTION_TO_FIRST_PAYMENT, conventionToFirstPayment);
        defaults.put(Stage.STATEMENT_TO_INSTALMENT, statementToInstalment);
        defaults.put(Stage.FIRST_PAYMENT_TO_BALANCE, firstPaymentToBalance);
        this.settings = new CarrierCapacity.Settings(minimumHistory, defaultDurationMonths, statementIntervalMonths,
                personYearCost, annualCapacityPerHead, Map.copyOf(defaults));
        expectedRates.put(OrganisationKind.SME, smeRate);
        expectedRates.put(OrganisationKind.MID_SIZE_COMPANY, midSizeRate);
        expectedRates.put(OrganisationKind.LARGE_COMPANY, largeRate);
        expectedRates.put(OrganisationKind.RESEARCH_LAB, labRate);
        expectedRates.put(OrganisationKind.OTHER, otherRate);
        this.expectedAdvancePercent = advancePercent;
        this.expectedInterimCapPercent = interimCapPercent;
    }

    @QueryHandler
    public Optional<CarrierCapacityView> handle(FindCarrierCapacityQuery query) {
        if (query.organisationId() == null) {
            return Optional.empty();
        }
        return organisation(query.organisationId())
                .map(o -> check(o, countedByOrganisation(partnershipsOf(Set.of(o.id())))
                        .getOrDefault(o.id(), Map.of()), new HashMap<>()));
    }

    @QueryHandler
    public ProjectCapacityView handle(FindProjectCapacityQuery query) {
        Map<String, Map<Stage, Lag>> lags = new HashMap<>();
        List<CarrierCapacityView> checks = new ArrayList<>();
        queryGateway.query(new FindProjectQuery(query.projectId()), ResponseTypes.optionalInstanceOf(ProjectView.class))
                .join().ifPresent(project -> {
                    List<ProjectView.PartnerView> partners = project.partners().stream()
                            .filter(p -> p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED)
                            .sorted((a, b) -> Boolean.compare(b.lead(), a.lead()))
                            .toList();
                    // Only the partners' own projects count in their checks: read those, not the pole's every project.
                    Map<String, Map<String, Counted>> counted = countedByOrganisation(partnershipsOf(partners.stream()
                            .map(ProjectView.PartnerView::organisationId).collect(java.util.stream.Collectors.toSet())));
                    partners.forEach(p -> organisation(p.organisationId()).ifPresent(o -> checks.add(
                            check(o, counted.getOrDefault(o.id(), Map.of()), lags))));
                });
        return new ProjectCapacityView(query.projectId(), checks);
    }

    @QueryHandler
    public CapacityOverviewView handle(FindCapacityOverviewQuery query) {
        // only the projects that count (every project of a national store: 11,000 read for a few hundred)
        Set<ProjectStatus> counting = EnumSet.copyOf(CANDIDATE);
        counting.addAll(RUNNING);
        // an organisation is in the overview when it leads or has joined one of them: when it has counted projects
        Map<String, Map<String, Counted>> counted = countedByOrganisation(queryGateway.query(
                FindPartnershipsQuery.everyOrganisation(counting),
                ResponseTypes.multipleInstancesOf(PartnershipView.class)).join());
        Map<String, Map<Stage, Lag>> lags = new HashMap<>();
        List<CapacityOverviewView.Line> lines = new ArrayList<>();
        for (OrganisationView organisation : queryGateway.query(new FindOrganisationsQuery(null, null, null),
                ResponseTypes.multipleInstancesOf(OrganisationView.class)).join()) {
            if (!counted.containsKey(organisation.id())) {
                continue;
            }
            CarrierCapacityView c = check(organisation, counted.getOrDefault(organisation.id(), Map.of()), lags);
            lines.add(new CapacityOverviewView.Line(c.organisationId(), c.organisationName(), c.organisationKind(),
                    c.headcount(), c.size(), c.verdict(), c.reasons(), c.coFundingToBear(), c.coFundingRatio(),
                    c.cashP90().deepestGap(), c.cashP90().deepestMonth(), c.deepestGapP90Ratio(),
                    c.concurrentProjects(), c.effortShare()));
        }
        lines.sort(java.util.Comparator.comparing(CapacityOverviewView.Line::verdict).reversed()
                .thenComparing(CapacityOverviewView.Line::organisationName)
                .thenComparing(CapacityOverviewView.Line::organisationId));
        return new CapacityOverviewView(ParisTime.today(clock), lines);
    }

    @QueryHandler
    public PredictedPaymentsView handle(FindPredictedPaymentsQuery query) {
        LocalDate asOf = ParisTime.today(clock);
        Map<String, Map<Stage, Lag>> lags = new HashMap<>();
        List<CarrierCapacityView.Payment> payments = new ArrayList<>();
        queryGateway.query(new FindProjectQuery(query.projectId()), ResponseTypes.optionalInstanceOf(ProjectView.class))
                .join().ifPresent(project -> project.partners().stream()
                        .filter(p -> p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED)
                        .forEach(partner -> organisation(partner.organisationId()).ifPresent(organisation -> {
                            BigDecimal budget = partner.plannedBudget() == null ? BigDecimal.ZERO.setScale(2)
                                    : partner.plannedBudget().setScale(2);
                            CarrierCapacity.Project load = project(new Counted(project.id(), project.title(),
                                    project.status(), budget), organisation, asOf, lags,
                                    fundingOf(organisation.id(), Set.of(project.id())));
                            for (Aid aid : load.aids()) {
                                if (aid.conventionId() != null) {
                                    CarrierCapacity.payments(load, aid, asOf, settings.statementIntervalMonths()).stream()
                                            .filter(p -> p.paidOn() == null).forEach(payments::add);
                                }
                            }
                        })));
        return new PredictedPaymentsView(query.projectId(), payments);
    }

    // ------------------------------------------------------------------------------------------ gathering

    private Optional<OrganisationView> organisation(String id) {
        return queryGateway.query(new FindOrganisationQuery(id), ResponseTypes.optionalInstanceOf(OrganisationView.class))
                .join();
    }

    /** {@code ?, ?, …}: the parameters of an {@code IN} list of this many values. */
    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /**
     * These organisations' rows in the projects that count (candidate or running): a check counts only its
     * organisation's own projects.
     */
    private List<PartnershipView> partnershipsOf(Set<String> organisationIds) {
        Set<ProjectStatus> counting = EnumSet.copyOf(CANDIDATE);
        counting.addAll(RUNNING);
        return queryGateway.query(new FindPartnershipsQuery(organisationIds, counting),
                ResponseTypes.multipleInstancesOf(PartnershipView.class)).join();
    }

    /**
     * Each organisation's counted projects (candidate or running, where it leads or has joined), with its planned
     * budget in each, in the order of the rows given (newest project first): one pass, whatever the number of
     * organisations checked.
     */
    private static Map<String, Map<String, Counted>> countedByOrganisation(List<PartnershipView> partnerships) {
        Map<String, Map<String, Counted>> counted = new HashMap<>();
        for (PartnershipView row : partnerships) {
            if ((CANDIDATE.contains(row.projectStatus()) || RUNNING.contains(row.projectStatus()))
                    && (row.status() == PartnerStatus.LEAD || row.status() == PartnerStatus.JOINED)) {
                counted.computeIfAbsent(row.organisationId(), id -> new LinkedHashMap<>())
                        .putIfAbsent(row.projectId(), new Counted(row.projectId(), row.projectTitle(), row.projectStatus(),
                                row.plannedBudget() == null ? BigDecimal.ZERO.setScale(2) : row.plannedBudget().setScale(2)));
            }
        }
        return counted;
    }

    /** A project counted in an organisation's check, with the organisation's planned budget in it. */
    private record Counted(String projectId, String title, ProjectStatus status, BigDecimal budget) {
    }

    private CarrierCapacityView check(OrganisationView organisation, Map<String, Counted> counted,
                                      Map<String, Map<Stage, Lag>> lagCache) {
        LocalDate asOf = ParisTime.today(clock);
        String size = CarrierCapacity.size(organisation.kind().name(), organisation.headcount());
        Funding funding = fundingOf(organisation.id(), counted.keySet());
        List<CarrierCapacity.Project> projects = new ArrayList<>();
        counted.values().forEach(c -> projects.add(project(c, organisation, asOf, lagCache, funding)));
        CarrierCapacity.Result result = CarrierCapacity.compute(new CarrierCapacity.Organisation(organisation.id(),
                organisation.name(), organisation.kind().name(), organisation.headcount(), size), projects, asOf, settings);
        CapacityRules.Verdict verdict = rules.verdict(result.inputs());
        List<CarrierCapacityView.LeadTime> leadTimes = new ArrayList<>();
        Set<String> funders = new java.util.TreeSet<>();
        projects.forEach(p -> p.aids().forEach(a -> {
            if (funders.add(a.funderId())) {
                a.lags().forEach((stage, lag) -> leadTimes.add(new CarrierCapacityView.LeadTime(a.funderId(),
                        stage.name(), lag.measured(), settings.minimumHistory(), lag.medianDays(), lag.p90Days(),
                        lag.source().name())));
            }
        }));
        return new CarrierCapacityView(organisation.id(), organisation.name(), organisation.kind().name(),
                organisation.headcount(), size, asOf, verdict.verdict(),
                CarrierCapacity.reasons(verdict.reasons(), organisation.headcountKnown()), result.annualCapacity(),
                result.coFunding(), result.coFundingRatio(), result.deepestGapP90Ratio(), result.concurrentProjects(),
                result.effortShare(), result.projects(), result.effort(), result.payments(), leadTimes,
                result.cashMedian(), result.cashP90(), assumptions());
    }

    private List<String> assumptions() {
        return List.of(
                "Planned budgets are spread evenly over the project's months; a project without a signed convention is "
                        + "assumed to start this month and last " + settings.defaultDurationMonths() + " months.",
                "Interim statements every " + settings.statementIntervalMonths()
                        + " months at the planned costs, paid at the funder's share of them within the interim cap.",
                "Lead times are measured when a funder has at least " + settings.minimumHistory()
                        + " completed stages; otherwise its service level, otherwise a default.",
                "A project with no application yet is expected to receive its kind's usual rate ("
                        + "tremplin.capacity.expected-aid.*) with a " + expectedAdvancePercent.setScale(2).toPlainString()
                        + " % advance.",
                "Annual capacity proxy = headcount x " + settings.annualCapacityPerHead().setScale(2).toPlainString()
                        + " EUR; effort against headcount x " + settings.personYearCost().setScale(2).toPlainString()
                        + " EUR a person-year.");
    }

    /** An organisation's applications on the projects counted, with their conventions and payments: four queries. */
    private record Funding(Map<String, List<Line>> linesByProject, Map<String, ConventionRow> conventions,
                           Map<String, List<CarrierCapacity.Paid>> payments) {
    }

    private record Line(String applicationId, String funderId, String funderName, String status, LocalDate submittedOn,
                        LocalDate decidedOn, BigDecimal requested, BigDecimal granted, String conventionId) {
    }

    private record ConventionRow(String funderId, String status, BigDecimal granted, BigDecimal paidTotal,
                                 BigDecimal advancePercent, BigDecimal interimCapPercent, LocalDate signedOn,
                                 LocalDate endDate) {
    }

    /**
     * Reads, at once, what {@link #project} needs of these projects for this organisation: its applications (the
     * organisation's share of each), the conventions among them and their payments. The cost follows the
     * organisation's applications, not one round of queries per project.
     */
    private Funding fundingOf(String organisationId, Set<String> projectIds) {
        Map<String, List<Line>> lines = new HashMap<>();
        if (projectIds.isEmpty()) {
            return new Funding(lines, Map.of(), Map.of());
        }
        // The applications of the counted projects, found by their project (an index), then the organisation's row in
        // each: filtered on the organisation alone, H2 scanned every application of the pole for each organisation.
        List<String> projects = projectIds.stream().sorted().toList();
        for (int from = 0; from < projects.size(); from += 500) {
            List<String> chunk = projects.subList(from, Math.min(projects.size(), from + 500));
            List<Object> params = new ArrayList<>(chunk);
            params.add(organisationId);
            jdbc.sql("""
                            SELECT a.project_id, a.id, a.funder_id, f.name AS funder_name, a.status, a.submitted_at,
                                   a.decided_on, p.requested_amount, p.granted_amount, p.convention_id
                            FROM funding_application a
                            JOIN funding_application_partner p ON p.application_id = a.id
                            LEFT JOIN funder f ON f.id = a.funder_id
                            WHERE a.project_id IN (%s) AND p.organisation_id = ?
                            ORDER BY a.submitted_at, a.id""".formatted(marks(chunk.size())))
                    .params(params)
                    .query((java.sql.ResultSet rs) -> {
                        lines.computeIfAbsent(rs.getString("project_id"), k -> new ArrayList<>()).add(new Line(
                                rs.getString("id"), rs.getString("funder_id"), rs.getString("funder_name"),
                                rs.getString("status"), parisDate(rs.getTimestamp("submitted_at")),
                                rs.getObject("decided_on", LocalDate.class), rs.getBigDecimal("requested_amount"),
                                rs.getBigDecimal("granted_amount"), rs.getString("convention_id")));
                    });
        }
        List<String> conventionIds = lines.values().stream().flatMap(List::stream).map(Line::conventionId)
                .filter(java.util.Objects::nonNull).distinct().sorted().toList();
        Map<String, ConventionRow> conventions = new HashMap<>();
        Map<String, List<CarrierCapacity.Paid>> payments = new HashMap<>();
        for (int from = 0; from < conventionIds.size(); from += 500) {
            List<String> chunk = conventionIds.subList(from, Math.min(conventionIds.size(), from + 500));
            String in = marks(chunk.size());
            jdbc.sql("SELECT convention_id, kind, amount, paid_at FROM funding_payment WHERE convention_id IN (" + in
                            + ") ORDER BY paid_at, payment_id")
                    .params(chunk)
                    .query((java.sql.ResultSet rs) -> {
                        payments.computeIfAbsent(rs.getString("convention_id"), k -> new ArrayList<>())
                                .add(new CarrierCapacity.Paid(CarrierCapacity.Kind.valueOf(rs.getString("kind")),
                                        parisDate(rs.getTimestamp("paid_at")), rs.getBigDecimal("amount").setScale(2)));
                    });
            jdbc.sql("SELECT * FROM convention WHERE id IN (" + in + ")")
                    .params(chunk)
                    .query((java.sql.ResultSet rs) -> {
                        conventions.put(rs.getString("id"), new ConventionRow(rs.getString("funder_id"),
                                rs.getString("status"), rs.getBigDecimal("granted_amount"), rs.getBigDecimal("paid_total"),
                                rs.getBigDecimal("advance_percent"), rs.getBigDecimal("interim_cap_percent"),
                                rs.getObject("signed_on", LocalDate.class), rs.getObject("end_date", LocalDate.class)));
                    });
        }
        return new Funding(lines, conventions, payments);
    }

    private CarrierCapacity.Project project(Counted project, OrganisationView organisation,
                                            LocalDate asOf, Map<String, Map<Stage, Lag>> lagCache, Funding funding) {
        BigDecimal budget = project.budget();
        List<Line> lines = funding.linesByProject().getOrDefault(project.projectId(), List.of());
        List<Aid> aids = new ArrayList<>();
        LocalDate start = null;
        LocalDate end = null;
        String basis;
        if (lines.isEmpty()) {
            BigDecimal rate = expectedRates.getOrDefault(organisation.kind(), BigDecimal.ZERO);
            BigDecimal expected = Money.percentOf(budget, rate);
            basis = "EXPECTED";
            if (expected.signum() > 0) {
                aids.add(new Aid(EXPECTED_FUNDER, "expected aid (" + rate.setScale(2).toPlainString() + " %)", null,
                        AidState.EXPECTED, expected, expectedAdvancePercent, expectedInterimCapPercent, null, null,
                        null, List.of(), lags(EXPECTED_FUNDER, lagCache)));
            }
        } else {
            basis = "APPLICATIONS";
            for (Line line : lines) {
                if ("REJECTED".equals(line.status())) {
                    continue;
                }
                Map<Stage, Lag> lags = lags(line.funderId(), lagCache);
                if (line.conventionId() == null) {
                    BigDecimal amount = line.granted() != null ? line.granted() : line.requested();
                    if (amount == null || amount.signum() <= 0) {
                        continue;
                    }
                    aids.add(new Aid(line.funderId(), line.funderName(), null,
                            line.granted() != null ? AidState.GRANTED : AidState.REQUESTED, amount.setScale(2),
                            expectedAdvancePercent, expectedInterimCapPercent, line.submittedOn(), line.decidedOn(),
                            null, List.of(), lags));
                    continue;
                }
                ConventionRow convention = funding.conventions().get(line.conventionId());
                if (convention != null) {
                    aids.add(aid(line, convention, funding.payments().getOrDefault(line.conventionId(), List.of()), lags));
                    if (convention.signedOn() != null && (start == null || convention.signedOn().isBefore(start))) {
                        start = convention.signedOn();
                    }
                    if (convention.endDate() != null && (end == null || convention.endDate().isAfter(end))) {
                        end = convention.endDate();
                    }
                }
            }
        }
        boolean assumed = start == null || end == null || end.isBefore(start);
        YearMonth from = assumed ? YearMonth.from(asOf) : YearMonth.from(start);
        int months = assumed ? settings.defaultDurationMonths()
                : (int) ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(end)) + 1;
        return new CarrierCapacity.Project(project.projectId(), project.title(), project.status().name(),
                CANDIDATE.contains(project.status()), budget, from, months, assumed, basis, aids);
    }

    private Aid aid(Line line, ConventionRow convention, List<CarrierCapacity.Paid> paid, Map<Stage, Lag> lags) {
        boolean ended = !"AWAITING_SIGNATURE".equals(convention.status()) && !"SIGNED".equals(convention.status());
        return new Aid(convention.funderId(), line.funderName(), line.conventionId(),
                ended ? AidState.ENDED : "SIGNED".equals(convention.status()) ? AidState.SIGNED : AidState.GRANTED,
                ended ? convention.paidTotal().setScale(2) : convention.granted().setScale(2),
                pct(convention.advancePercent(), expectedAdvancePercent),
                pct(convention.interimCapPercent(), expectedInterimCapPercent),
                line.submittedOn(), line.decidedOn(), convention.signedOn(), paid, lags);
    }

    /**
     * A funder's lead time per stage as the capacity check uses it (measured median and p90, else its service level,
     * else the default); the pre-label's orientation reads the same figures.
     */
    public Map<Stage, Lag> leadTimes(String funderId) {
        return lags(funderId, new HashMap<>());
    }

    /** A funder's lead time per stage: measured from the recorded stages, its service level, or the default. */
    private Map<Stage, Lag> lags(String funderId, Map<String, Map<Stage, Lag>> cache) {
        return cache.computeIfAbsent(funderId, id -> {
            Map<Stage, List<Duration>> measured = new EnumMap<>(Stage.class);
            Map<Stage, Integer> counted = new EnumMap<>(Stage.class);
            Map<Stage, Integer> levels = new EnumMap<>(Stage.class);
            if (!EXPECTED_FUNDER.equals(id)) {
                // the recorded stages: counted, and only the two at the median's and p90's ranks read (through the
                // index on funder, stage and duration), not every stage the funder ever completed
                jdbc.sql("SELECT stage, COUNT(*) AS completed FROM funding_lead_time WHERE funder_id = ? AND duration_ms IS NOT NULL GROUP BY stage")
                        .param(id)
                        .query((rs, n) -> counted.put(Stage.valueOf(FundingStage.valueOf(rs.getString("stage")).name()),
                                rs.getInt("completed")))
                        .list();
                jdbc.sql("""
                                SELECT s.submitted_at, p.paid_at FROM funding_payment p
                                JOIN expense_statement s ON s.convention_id = p.convention_id AND s.statement_id = p.statement_id
                                WHERE p.funder_id = ? AND p.kind = 'INSTALMENT'""")
                        .param(id)
                        .query((rs, n) -> measured.computeIfAbsent(Stage.STATEMENT_TO_INSTALMENT, k -> new ArrayList<>())
                                .add(Duration.between(instant(rs.getTimestamp("submitted_at")),
                                        instant(rs.getTimestamp("paid_at")))))
                        .list();
                jdbc.sql("SELECT stage, service_days FROM funder_service_level WHERE funder_id = ?").param(id)
                        .query((rs, n) -> levels.put(Stage.valueOf(FundingStage.valueOf(rs.getString("stage")).name()),
                                rs.getInt("service_days")))
                        .list();
            }
            Map<Stage, Lag> lags = new LinkedHashMap<>();
            for (Stage stage : Stage.values()) {
                Integer completed = counted.get(stage);
                if (completed == null) {
                    lags.put(stage, CarrierCapacity.lag(measured.getOrDefault(stage, List.of()), levels.get(stage),
                            settings.defaultDays().get(stage), settings.minimumHistory()));
                } else {
                    boolean enough = completed >= settings.minimumHistory();
                    Optional<Duration> median = enough ? rankedDuration(id, stage, LeadTimes.rank(completed, 50)) : Optional.empty();
                    Optional<Duration> p90 = enough ? rankedDuration(id, stage, LeadTimes.rank(completed, 90)) : Optional.empty();
                    // counted, then gone before being read (a replay's reset): what an empty history gives
                    int measuredNow = enough && (median.isEmpty() || p90.isEmpty()) ? 0 : completed;
                    lags.put(stage, CarrierCapacity.lag(measuredNow, median.orElse(null), p90.orElse(null),
                            levels.get(stage), settings.defaultDays().get(stage), settings.minimumHistory()));
                }
            }
            return lags;
        });
    }

    /**
     * The duration of the funder's completed stage at this rank (1-based) by duration, as recorded (between the
     * events' instants): the rank is found in the index on (funder, stage, duration, subject) alone, ties of the same
     * millisecond broken by subject, then that one row is read by its key. Empty when the stage is no longer there
     * (the model was reset by a replay between the count and this read).
     */
    private Optional<Duration> rankedDuration(String funderId, Stage stage, int rank) {
        return jdbc.sql("""
                        SELECT subject_id FROM funding_lead_time
                        WHERE funder_id = ? AND stage = ? AND duration_ms IS NOT NULL
                        ORDER BY duration_ms, subject_id OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY""")
                .params(funderId, stage.name(), rank - 1)
                .query(String.class)
                .optional()
                .flatMap(subject -> jdbc.sql("SELECT started_at, ended_at FROM funding_lead_time WHERE subject_id = ? AND stage = ?")
                        .params(subject, stage.name())
                        .query((rs, n) -> Duration.between(instant(rs.getTimestamp("started_at")),
                                instant(rs.getTimestamp("ended_at"))))
                        .optional());
    }

    private static BigDecimal pct(BigDecimal value, BigDecimal fallback) {
        return value == null ? fallback : value;
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static LocalDate parisDate(Timestamp at) {
        return at == null ? null : LocalDate.ofInstant(at.toInstant(), ParisTime.ZONE);
    }
}
