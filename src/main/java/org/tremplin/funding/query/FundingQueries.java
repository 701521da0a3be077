package org.tremplin.funding.query;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.ApplicationStatus;
import org.tremplin.funding.api.ContributorShare;
import org.tremplin.funding.api.ConventionStatus;
import org.tremplin.funding.api.ConventionView;
import org.tremplin.funding.api.DecidedGrantView;
import org.tremplin.funding.api.FindDecidedGrantsQuery;
import org.tremplin.funding.api.FindConventionQuery;
import org.tremplin.funding.api.FindFunderLedgerQuery;
import org.tremplin.funding.api.FindFundingApplicationQuery;
import org.tremplin.funding.api.FindFundingSummaryQuery;
import org.tremplin.funding.api.FindLeadTimesQuery;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FunderLedgerView;
import org.tremplin.funding.api.FundingApplicationView;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.FundingSummaryView;
import org.tremplin.funding.api.LeadTimeStatsView;
import org.tremplin.funding.api.OverdueStageView;
import org.tremplin.funding.api.PaymentKind;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Answers the funding queries from the {@link FundingProjection} tables (and the funders' registry tables). */
@Component
public class FundingQueries {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final JdbcClient jdbc;

    public FundingQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- application ----------------------------------------------------------------------------------------

    @QueryHandler
    public Optional<FundingApplicationView> handle(FindFundingApplicationQuery query) {
        return jdbc.sql("SELECT a.*, f.name AS funder_name FROM funding_application a LEFT JOIN funder f ON f.id = a.funder_id WHERE a.id = ?")
                .param(query.applicationId())
                .query((rs, n) -> {
                    String id = rs.getString("id");
                    String kind = rs.getString("funder_kind");
                    return new FundingApplicationView(id, rs.getString("project_id"), rs.getString("call_id"),
                            rs.getString("call_code"), rs.getString("funder_id"), rs.getString("funder_name"),
                            kind == null ? null : FunderKind.valueOf(kind), rs.getBoolean("labelled"),
                            ApplicationStatus.valueOf(rs.getString("status")), money(rs, "requested_total"),
                            money(rs, "granted_total"), rs.getBoolean("partial_grant"), rs.getString("reasons"),
                            rs.getObject("decided_on", LocalDate.class), rs.getInt("contracting_deadline_months"),
                            rs.getObject("contracting_deadline", LocalDate.class), instant(rs, "submitted_at"),
                            rs.getString("submitted_by"), instant(rs, "decided_at"), rs.getString("decided_by"),
                            null, null, null);
                })
                .optional()
                .map(a -> new FundingApplicationView(a.id(), a.projectId(), a.callId(), a.callCode(), a.funderId(),
                        a.funderName(), a.funderKind(), a.labelled(), a.status(), a.requestedTotal(), a.grantedTotal(),
                        a.partial(), a.reasons(), a.decidedOn(), a.contractingDeadlineMonths(), a.contractingDeadline(),
                        a.submittedAt(), a.submittedBy(), a.decidedAt(), a.decidedBy(), partners(a.id()),
                        jdbc.sql("SELECT id FROM convention WHERE application_id = ? ORDER BY id").param(a.id())
                                .query(String.class).list(),
                        overdue("application_id = ? AND convention_id IS NULL", a.id())));
    }

    private List<FundingApplicationView.PartnerAid> partners(String applicationId) {
        return jdbc.sql("SELECT * FROM funding_application_partner WHERE application_id = ? ORDER BY position, organisation_id")
                .param(applicationId)
                .query((rs, n) -> {
                    String kind = rs.getString("partner_kind");
                    return new FundingApplicationView.PartnerAid(rs.getString("organisation_id"),
                            kind == null ? null : OrganisationKind.valueOf(kind), rs.getBoolean("in_territory"),
                            money(rs, "industrial_research_cost"), money(rs, "experimental_development_cost"),
                            money(rs, "rate_percent"), rs.getString("rate_source"), money(rs, "max_amount"),
                            money(rs, "requested_amount"), money(rs, "granted_amount"), money(rs, "granted_rate_percent"),
                            rs.getString("convention_id"));
                })
                .list();
    }

    // ---- convention -----------------------------------------------------------------------------------------

    @QueryHandler
    public Optional<ConventionView> handle(FindConventionQuery query) {
        return jdbc.sql("SELECT c.*, f.name AS funder_name FROM convention c LEFT JOIN funder f ON f.id = c.funder_id WHERE c.id = ?")
                .param(query.conventionId())
                .query(FundingQueries::conventionRow)
                .optional()
                .map(this::convention);
    }

    private ConventionView convention(ConventionRow c) {
        List<PooledFundContributor> contributors = jdbc.sql("""
                        SELECT contributor, share_percent FROM convention_contributor WHERE convention_id = ? ORDER BY position""")
                .param(c.id())
                .query((rs, n) -> new PooledFundContributor(rs.getString("contributor"), money(rs, "share_percent")))
                .list();
        List<ConventionView.Version> versions = jdbc.sql("SELECT * FROM convention_version WHERE convention_id = ? ORDER BY version_number")
                .param(c.id())
                .query((rs, n) -> new ConventionView.Version(rs.getInt("version_number"), rs.getString("kind"),
                        money(rs, "granted_amount_before"), money(rs, "granted_amount_after"),
                        rs.getObject("end_date_before", LocalDate.class), rs.getObject("end_date_after", LocalDate.class),
                        rs.getString("counterpart_organisation_id"), rs.getString("reason"), rs.getString("actor"),
                        instant(rs, "recorded_at")))
                .list();
        List<ConventionView.Statement> statements = jdbc.sql("""
                        SELECT * FROM expense_statement WHERE convention_id = ? ORDER BY submitted_at, statement_id""")
                .param(c.id())
                .query((rs, n) -> new ConventionView.Statement(rs.getString("statement_id"),
                        rs.getObject("period_end", LocalDate.class), money(rs, "amount"), rs.getBoolean("final_statement"),
                        rs.getString("status"), money(rs, "approved_amount"), money(rs, "approved_total_after"),
                        rs.getString("decision_comment"), rs.getString("rejection_reasons"), instant(rs, "submitted_at"),
                        rs.getString("submitted_by"), instant(rs, "decided_at"), rs.getString("decided_by")))
                .list();
        List<ConventionView.Payment> payments = jdbc.sql("SELECT * FROM funding_payment WHERE convention_id = ? ORDER BY paid_at, payment_id")
                .param(c.id())
                .query((rs, n) -> new ConventionView.Payment(rs.getString("payment_id"),
                        PaymentKind.valueOf(rs.getString("kind")), rs.getString("statement_id"), money(rs, "amount"),
                        money(rs, "paid_total_after"), money(rs, "remaining_after"), instant(rs, "paid_at"),
                        rs.getString("paid_by"), null, rs.getString("payment_reference")))
                .list().stream()
                .map(p -> new ConventionView.Payment(p.paymentId(), p.kind(), p.statementId(), p.amount(),
                        p.paidTotalAfter(), p.remainingAfter(), p.paidAt(), p.paidBy(), shares(p.paymentId()),
                        p.paymentReference()))
                .toList();
        return new ConventionView(c.id(), c.applicationId(), c.projectId(), c.funderId(), c.funderName(),
                c.organisationId(), c.status(), c.grantedAmount(), c.ratePercent(), c.advancePercent(),
                c.interimCapPercent(), contributors, c.paidTotal(), c.approvedTotal(), c.releasedAmount(), c.remaining(),
                c.version(), c.contractingDeadline(), c.signedOn(), c.endDate(), c.grantedAt(), c.signedAt(),
                c.finalReportAcceptedAt(), c.lapsedAt(), c.closedAt(), c.withdrawnAt(), versions, statements, payments,
                overdue("convention_id = ?", c.id()));
    }

    private List<ContributorShare> shares(String paymentId) {
        return jdbc.sql("SELECT contributor, share_percent, amount FROM funding_payment_share WHERE payment_id = ? ORDER BY position")
                .param(paymentId)
                .query((rs, n) -> new ContributorShare(rs.getString("contributor"), money(rs, "share_percent"),
                        money(rs, "amount")))
                .list();
    }

    private List<OverdueStageView> overdue(String where, String id) {
        return jdbc.sql("SELECT * FROM funding_stage_overdue WHERE " + where + " ORDER BY reported_at, stage")
                .param(id)
                .query((rs, n) -> new OverdueStageView(FundingStage.valueOf(rs.getString("stage")),
                        rs.getString("application_id"), rs.getString("convention_id"), rs.getInt("service_level_days"),
                        instant(rs, "reported_at"), rs.getString("reported_by"), null))
                .list().stream()
                .map(o -> new OverdueStageView(o.stage(), o.applicationId(), o.conventionId(), o.serviceLevelDays(),
                        o.reportedAt(), o.reportedBy(), jdbc.sql("""
                                        SELECT action, actor, chased_at FROM funding_stage_chase WHERE subject_id = ? AND stage = ?
                                        ORDER BY chased_at, event_id""")
                                .params(FundingProjection.subject(o.applicationId(), o.conventionId()), o.stage().name())
                                .query((rs, n) -> new OverdueStageView.ChaseAction(rs.getString("action"),
                                        rs.getString("actor"), instant(rs, "chased_at")))
                                .list()))
                .toList();
    }

    // ---- grants, for the 360Giving export -------------------------------------------------------------------

    /**
     * The conventions selected, their contributors and their payments: three queries, whatever the number of grants
     * (the export read each project's summary, then each convention and application again: 4 s for an empty year on
     * the national store, 20-33 s for 44,715 grants).
     */
    @QueryHandler
    public List<DecidedGrantView> handle(FindDecidedGrantsQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (query.projectId() != null) {
            where.append(" AND c.project_id = ?");
            params.add(query.projectId());
        }
        if (query.from() != null) {
            where.append(" AND a.decided_on >= ?");
            params.add(query.from());
        }
        if (query.to() != null) {
            where.append(" AND a.decided_on <= ?");
            params.add(query.to());
        }
        String conventions = " FROM convention c JOIN funding_application a ON a.id = c.application_id";
        String selected = conventions + " WHERE 1 = 1" + where;
        Map<String, List<PooledFundContributor>> contributors = new HashMap<>();
        jdbc.sql("SELECT k.convention_id, k.contributor, k.share_percent FROM convention_contributor k"
                        + " WHERE k.convention_id IN (SELECT c.id" + selected + ") ORDER BY k.convention_id, k.position")
                .params(params)
                .query((ResultSet rs) -> {
                    contributors.computeIfAbsent(rs.getString("convention_id"), k -> new ArrayList<>())
                            .add(new PooledFundContributor(rs.getString("contributor"), money(rs, "share_percent")));
                });
        Map<String, List<DecidedGrantView.Payment>> payments = new HashMap<>();
        jdbc.sql("SELECT p.convention_id, p.payment_id, p.paid_at, p.amount FROM funding_payment p"
                        + " WHERE p.convention_id IN (SELECT c.id" + selected + ") ORDER BY p.convention_id, p.paid_at, p.payment_id")
                .params(params)
                .query((ResultSet rs) -> {
                    payments.computeIfAbsent(rs.getString("convention_id"), k -> new ArrayList<>())
                            .add(new DecidedGrantView.Payment(rs.getString("payment_id"), instant(rs, "paid_at"),
                                    money(rs, "amount")));
                });
        return jdbc.sql("SELECT c.*, f.name AS funder_name, a.call_id AS grant_call_id, a.call_code AS grant_call_code,"
                        + " a.decided_on AS grant_decided_on, ap.requested_amount AS grant_requested_amount"
                        + conventions + " LEFT JOIN funder f ON f.id = c.funder_id"
                        + " LEFT JOIN funding_application_partner ap ON ap.application_id = c.application_id"
                        + " AND ap.organisation_id = c.organisation_id WHERE 1 = 1" + where + " ORDER BY c.id")
                .params(params)
                .query((rs, n) -> {
                    ConventionRow c = conventionRow(rs, n);
                    return new DecidedGrantView(c.id(), c.projectId(), c.applicationId(), c.organisationId(),
                            c.funderId(), c.funderName(), c.status(), c.version(), c.grantedAmount(), c.paidTotal(),
                            c.releasedAmount(), c.signedOn(), c.endDate(), contributors.getOrDefault(c.id(), List.of()),
                            payments.getOrDefault(c.id(), List.of()), rs.getString("grant_call_id"),
                            rs.getString("grant_call_code"), rs.getObject("grant_decided_on", LocalDate.class),
                            money(rs, "grant_requested_amount"));
                })
                .list();
    }

    // ---- project summary ------------------------------------------------------------------------------------

    @QueryHandler
    public FundingSummaryView handle(FindFundingSummaryQuery query) {
        String projectId = query.projectId();
        Map<String, List<FundingSummaryView.ApplicationLine>> applications = new LinkedHashMap<>();
        Map<String, BigDecimal> requested = new HashMap<>();
        Set<String> funderIds = new TreeSet<>();
        jdbc.sql("SELECT * FROM funding_application WHERE project_id = ? ORDER BY submitted_at, id").param(projectId)
                .query((rs, n) -> {
                    String funderId = rs.getString("funder_id");
                    funderIds.add(funderId);
                    FundingSummaryView.ApplicationLine line = new FundingSummaryView.ApplicationLine(rs.getString("id"),
                            rs.getString("call_code"), ApplicationStatus.valueOf(rs.getString("status")),
                            money(rs, "requested_total"), money(rs, "granted_total"),
                            rs.getObject("decided_on", LocalDate.class));
                    applications.computeIfAbsent(funderId, k -> new ArrayList<>()).add(line);
                    requested.merge(funderId, line.requestedTotal(), BigDecimal::add);
                    return line;
                })
                .list();
        Map<String, List<FundingSummaryView.PartnerLine>> partners = new HashMap<>();
        jdbc.sql("SELECT c.*, NULL AS funder_name FROM convention c WHERE c.project_id = ? ORDER BY c.organisation_id, c.id")
                .param(projectId)
                .query(FundingQueries::conventionRow)
                .list()
                .forEach(c -> {
                    funderIds.add(c.funderId());
                    partners.computeIfAbsent(c.funderId(), k -> new ArrayList<>()).add(new FundingSummaryView.PartnerLine(
                            c.organisationId(), c.applicationId(), c.id(), c.status(), c.grantedAmount(), c.paidTotal(),
                            c.releasedOrZero(), c.remaining()));
                });
        Map<String, String> names = funderNames();
        List<FundingSummaryView.FunderPart> parts = new ArrayList<>();
        for (String funderId : funderIds) {
            List<FundingSummaryView.PartnerLine> lines = partners.getOrDefault(funderId, List.of());
            parts.add(new FundingSummaryView.FunderPart(funderId, names.get(funderId),
                    requested.getOrDefault(funderId, ZERO),
                    sum(lines.stream().map(FundingSummaryView.PartnerLine::grantedAmount).toList()),
                    sum(lines.stream().map(FundingSummaryView.PartnerLine::paidTotal).toList()),
                    sum(lines.stream().map(FundingSummaryView.PartnerLine::releasedAmount).toList()),
                    sum(lines.stream().map(FundingSummaryView.PartnerLine::remaining).toList()),
                    applications.getOrDefault(funderId, List.of()), lines));
        }
        parts.sort(Comparator.comparing((FundingSummaryView.FunderPart p) -> p.funderName() == null ? "" : p.funderName())
                .thenComparing(FundingSummaryView.FunderPart::funderId));
        List<FundingSummaryView.PartnerStateAid> stateAid = jdbc.sql("""
                        SELECT * FROM state_aid_ledger WHERE project_id = ? ORDER BY organisation_id, ledger_id""")
                .param(projectId)
                .query((rs, n) -> {
                    BigDecimal total = money(rs, "total_aid");
                    BigDecimal ceiling = money(rs, "ceiling_amount");
                    return new FundingSummaryView.PartnerStateAid(rs.getString("organisation_id"), rs.getString("ledger_id"),
                            total, ceiling, ceiling != null && total.compareTo(ceiling) > 0, null);
                })
                .list().stream()
                .map(l -> new FundingSummaryView.PartnerStateAid(l.organisationId(), l.ledgerId(), l.totalAid(),
                        l.ceilingAmount(), l.overCeiling(), jdbc.sql("""
                                        SELECT * FROM state_aid_entry WHERE ledger_id = ? ORDER BY recorded_at, application_id""")
                                .param(l.ledgerId())
                                .query((rs, n) -> new FundingSummaryView.AidLine(rs.getString("application_id"),
                                        rs.getString("funder_id"), money(rs, "amount"), money(rs, "released_amount"),
                                        money(rs, "ceiling_amount"), money(rs, "total_aid_after"),
                                        rs.getBoolean("over_ceiling"), rs.getString("justification"),
                                        instant(rs, "recorded_at"), rs.getString("recorded_by")))
                                .list()))
                .toList();
        return new FundingSummaryView(projectId,
                sum(parts.stream().map(FundingSummaryView.FunderPart::requestedTotal).toList()),
                sum(parts.stream().map(FundingSummaryView.FunderPart::grantedTotal).toList()),
                sum(parts.stream().map(FundingSummaryView.FunderPart::paidTotal).toList()),
                sum(parts.stream().map(FundingSummaryView.FunderPart::releasedTotal).toList()),
                sum(parts.stream().map(FundingSummaryView.FunderPart::remainingTotal).toList()),
                parts, stateAid);
    }

    // ---- funder ledger --------------------------------------------------------------------------------------

    @QueryHandler
    public Optional<FunderLedgerView> handle(FindFunderLedgerQuery query) {
        String funderId = query.funderId();
        return jdbc.sql("SELECT id, name, kind FROM funder WHERE id = ?").param(funderId)
                .query((rs, n) -> new FunderLedgerView(rs.getString("id"), rs.getString("name"),
                        FunderKind.valueOf(rs.getString("kind")), null, null, null, null, null, null))
                .optional()
                .map(f -> {
                    List<ConventionRow> conventions = jdbc.sql("SELECT c.*, NULL AS funder_name FROM convention c WHERE c.funder_id = ?")
                            .param(funderId).query(FundingQueries::conventionRow).list();
                    List<FunderLedgerView.Line> lines = new ArrayList<>();
                    jdbc.sql("""
                                    SELECT p.*, CAST(NULL AS NUMERIC(5, 2)) AS borne_share, CAST(NULL AS NUMERIC(15, 2)) AS borne_amount
                                    FROM funding_payment p WHERE p.funder_id = ?
                                    UNION ALL
                                    SELECT p.*, s.share_percent AS borne_share, s.amount AS borne_amount
                                    FROM funding_payment p JOIN funding_payment_share s ON s.payment_id = p.payment_id
                                    WHERE s.contributor = ? AND p.funder_id <> ?""")
                            .params(funderId, funderId, funderId)
                            .query((rs, n) -> {
                                boolean paid = funderId.equals(rs.getString("funder_id"));
                                BigDecimal amount = money(rs, "amount");
                                return new FunderLedgerView.Line(rs.getString("payment_id"),
                                        paid ? FunderLedgerView.PAID : FunderLedgerView.CONTRIBUTED, rs.getString("funder_id"),
                                        rs.getString("project_id"), rs.getString("organisation_id"),
                                        rs.getString("application_id"), rs.getString("convention_id"),
                                        PaymentKind.valueOf(rs.getString("kind")), amount,
                                        paid ? amount : money(rs, "borne_amount"), paid ? null : money(rs, "borne_share"),
                                        instant(rs, "paid_at"), null, rs.getString("payment_reference"));
                            })
                            .list()
                            .forEach(line -> lines.add(new FunderLedgerView.Line(line.paymentId(), line.role(),
                                    line.payingFunderId(), line.projectId(), line.organisationId(), line.applicationId(),
                                    line.conventionId(), line.kind(), line.amount(), line.borneAmount(), line.sharePercent(),
                                    line.paidAt(), shares(line.paymentId()), line.paymentReference())));
                    lines.sort(Comparator.comparing(FunderLedgerView.Line::paidAt).thenComparing(FunderLedgerView.Line::paymentId));
                    return new FunderLedgerView(f.funderId(), f.funderName(), f.funderKind(),
                            sum(conventions.stream().map(ConventionRow::grantedAmount).toList()),
                            sum(conventions.stream().map(ConventionRow::paidTotal).toList()),
                            sum(conventions.stream().map(ConventionRow::releasedOrZero).toList()),
                            sum(conventions.stream().map(ConventionRow::remaining).toList()),
                            sum(lines.stream().filter(l -> FunderLedgerView.CONTRIBUTED.equals(l.role()))
                                    .map(FunderLedgerView.Line::borneAmount).toList()),
                            List.copyOf(lines));
                });
    }

    // ---- lead times -----------------------------------------------------------------------------------------

    /**
     * Per funder (that has measured or running stages) and stage: completed stages' durations between the recorded
     * events' timestamps, median and 90th percentile by the nearest-rank method, the funder's service level.
     */
    @QueryHandler
    public LeadTimeStatsView handle(FindLeadTimesQuery query) {
        String funderId = query.funderId() == null || query.funderId().isBlank() ? null : query.funderId().strip();
        record Measure(String funderId, FundingStage stage, Instant startedAt, Instant endedAt) {
        }
        List<Measure> measures = jdbc.sql("SELECT funder_id, stage, started_at, ended_at FROM funding_lead_time"
                        + (funderId == null ? "" : " WHERE funder_id = ?"))
                .params(funderId == null ? List.of() : List.of(funderId))
                .query((rs, n) -> new Measure(rs.getString("funder_id"), FundingStage.valueOf(rs.getString("stage")),
                        instant(rs, "started_at"), instant(rs, "ended_at")))
                .list();
        Map<String, String> names = funderNames();
        Map<String, Map<FundingStage, Integer>> levels = new HashMap<>();
        jdbc.sql("SELECT funder_id, stage, service_days FROM funder_service_level")
                .query((rs, n) -> {
                    levels.computeIfAbsent(rs.getString("funder_id"), k -> new HashMap<>())
                            .put(FundingStage.valueOf(rs.getString("stage")), rs.getInt("service_days"));
                    return null;
                })
                .list();
        Set<String> funders = new TreeSet<>(Comparator.comparing((String id) -> names.getOrDefault(id, id))
                .thenComparing(Comparator.naturalOrder()));
        measures.forEach(m -> funders.add(m.funderId()));
        List<LeadTimeStatsView.Stat> stats = new ArrayList<>();
        for (String funder : funders) {
            for (FundingStage stage : FundingStage.values()) {
                List<Measure> of = measures.stream().filter(m -> m.funderId().equals(funder) && m.stage() == stage).toList();
                List<Duration> durations = of.stream().filter(m -> m.endedAt() != null)
                        .map(m -> Duration.between(m.startedAt(), m.endedAt())).sorted().toList();
                Integer level = levels.getOrDefault(funder, Map.of()).get(stage);
                Duration median = LeadTimes.percentile(durations, 50);
                Duration p90 = LeadTimes.percentile(durations, 90);
                stats.add(new LeadTimeStatsView.Stat(funder, names.get(funder), stage, level, durations.size(),
                        LeadTimes.days(median), LeadTimes.days(p90), LeadTimes.seconds(median), LeadTimes.seconds(p90),
                        (int) durations.stream().filter(d -> LeadTimes.exceeds(d, level)).count(),
                        (int) of.stream().filter(m -> m.endedAt() == null).count()));
            }
        }
        return new LeadTimeStatsView(LeadTimeStatsView.NEAREST_RANK, funderId, stats);
    }

    // ---- rows -----------------------------------------------------------------------------------------------

    private Map<String, String> funderNames() {
        Map<String, String> names = new HashMap<>();
        jdbc.sql("SELECT id, name FROM funder").query((rs, n) -> names.put(rs.getString("id"), rs.getString("name"))).list();
        return names;
    }

    private static ConventionRow conventionRow(ResultSet rs, int n) throws SQLException {
        return new ConventionRow(rs.getString("id"), rs.getString("application_id"), rs.getString("project_id"),
                rs.getString("funder_id"), rs.getString("funder_name"), rs.getString("organisation_id"),
                ConventionStatus.valueOf(rs.getString("status")), money(rs, "granted_amount"), money(rs, "rate_percent"),
                money(rs, "advance_percent"), money(rs, "interim_cap_percent"), money(rs, "paid_total"),
                money(rs, "approved_total"), money(rs, "released_amount"), rs.getInt("version_number"),
                rs.getObject("contracting_deadline", LocalDate.class), rs.getObject("signed_on", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), instant(rs, "granted_at"), instant(rs, "signed_at"),
                instant(rs, "final_report_accepted_at"), instant(rs, "lapsed_at"), instant(rs, "closed_at"),
                instant(rs, "withdrawn_at"));
    }

    private record ConventionRow(String id, String applicationId, String projectId, String funderId, String funderName,
                                 String organisationId, ConventionStatus status, BigDecimal grantedAmount,
                                 BigDecimal ratePercent, BigDecimal advancePercent, BigDecimal interimCapPercent,
                                 BigDecimal paidTotal, BigDecimal approvedTotal, BigDecimal releasedAmount, int version,
                                 LocalDate contractingDeadline, LocalDate signedOn, LocalDate endDate, Instant grantedAt,
                                 Instant signedAt, Instant finalReportAcceptedAt, Instant lapsedAt, Instant closedAt,
                                 Instant withdrawnAt) {

        /** Nothing remains to be paid once the convention lapsed, closed or the partner withdrew. */
        BigDecimal remaining() {
            return switch (status) {
                case LAPSED, CLOSED, WITHDRAWN -> ZERO;
                case AWAITING_SIGNATURE, SIGNED -> grantedAmount.subtract(paidTotal).max(ZERO);
            };
        }

        BigDecimal releasedOrZero() {
            return releasedAmount == null ? ZERO : releasedAmount;
        }
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(ZERO, BigDecimal::add);
    }

    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.setScale(2);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
