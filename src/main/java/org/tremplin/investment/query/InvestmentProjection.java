package org.tremplin.investment.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.CommitmentAllocatedEvent;
import org.tremplin.investment.api.CommitmentChangedEvent;
import org.tremplin.investment.api.CommitmentLapsedEvent;
import org.tremplin.investment.api.CommitmentMadeEvent;
import org.tremplin.investment.api.CommitmentReconfirmedEvent;
import org.tremplin.investment.api.CommitmentReleasedEvent;
import org.tremplin.investment.api.CommitmentStatus;
import org.tremplin.investment.api.CommitmentWithdrawnEvent;
import org.tremplin.investment.api.FindInvestorQuery;
import org.tremplin.investment.api.FindInvestorsOfUserQuery;
import org.tremplin.investment.api.FindInvestorsQuery;
import org.tremplin.investment.api.FindRoundQuery;
import org.tremplin.investment.api.FindRoundsQuery;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.InvestorInvitedEvent;
import org.tremplin.investment.api.InvestorKind;
import org.tremplin.investment.api.InvestorRegisteredEvent;
import org.tremplin.investment.api.InvestorUserAddedEvent;
import org.tremplin.investment.api.InvestorView;
import org.tremplin.investment.api.RoundCancelledEvent;
import org.tremplin.investment.api.RoundClosedEvent;
import org.tremplin.investment.api.RoundDocumentAddedEvent;
import org.tremplin.investment.api.RoundNdaAcceptedEvent;
import org.tremplin.investment.api.RoundOpenedEvent;
import org.tremplin.investment.api.RoundStatus;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.investment.api.RoundTermsAmendedEvent;
import org.tremplin.investment.api.RoundView;
import org.tremplin.platform.query.ReadModelReset;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Investors, rounds, data-room documents and per invited investor its NDA, commitment and allocation. Handlers are
 * idempotent (events may be delivered twice): inserts check for the row, updates set values taken from the event.
 */
@Component
@ProcessingGroup(InvestmentProjection.PROCESSING_GROUP)
public class InvestmentProjection {

    public static final String PROCESSING_GROUP = "investments";

    private final JdbcClient jdbc;

    public InvestmentProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- investors

    @EventHandler
    void on(InvestorRegisteredEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO investor (id, code, name, kind, registered_at)
                        SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM investor WHERE id = ?)""")
                .params(event.investorId(), event.code(), event.name(), event.kind().name(), java.sql.Timestamp.from(at),
                        event.investorId())
                .update();
    }

    @EventHandler
    void on(InvestorUserAddedEvent event) {
        jdbc.sql("""
                        INSERT INTO investor_user (investor_id, user_id)
                        SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM investor_user WHERE investor_id = ? AND user_id = ?)""")
                .params(event.investorId(), event.userId(), event.investorId(), event.userId())
                .update();
    }

    // ---------------------------------------------------------------- rounds

    @EventHandler
    void on(RoundOpenedEvent event, @Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        RoundTerms t = event.terms();
        jdbc.sql("""
                        INSERT INTO investment_round (id, title, company_organisation_id, project_id, instrument, target_amount,
                            minimum_raise, maximum_raise, minimum_ticket, pre_money_valuation, closing_date, all_or_nothing,
                            share_passport, share_commitments, status, opened_on, opened_at, opened_by, amendments,
                            committed_total, oversubscribed, closed_early)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, FALSE, FALSE
                        WHERE NOT EXISTS (SELECT 1 FROM investment_round WHERE id = ?)""")
                .params(event.roundId(), event.title(), event.companyOrganisationId(), event.projectId(),
                        t.instrument().name(), t.targetAmount(), t.minimumRaise(), t.maximumRaise(), t.minimumTicket(),
                        t.preMoneyValuation(), t.closingDate(), t.allOrNothing(), event.sharePassport(),
                        event.shareCommitments(), RoundStatus.OPEN.name(), event.openedOn(), java.sql.Timestamp.from(at), actor,
                        event.roundId())
                .update();
    }

    @EventHandler
    void on(InvestorInvitedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO round_investor (round_id, investor_id, invited_at)
                        SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM round_investor WHERE round_id = ? AND investor_id = ?)""")
                .params(event.roundId(), event.investorId(), java.sql.Timestamp.from(at), event.roundId(), event.investorId())
                .update();
    }

    @EventHandler
    void on(RoundNdaAcceptedEvent event) {
        jdbc.sql("UPDATE round_investor SET nda_accepted_at = ?, nda_accepted_by = ? WHERE round_id = ? AND investor_id = ?")
                .params(java.sql.Timestamp.from(event.acceptedAt()), event.userId(), event.roundId(), event.investorId())
                .update();
    }

    @EventHandler
    void on(RoundDocumentAddedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO round_document (round_id, document_id, title, reference, added_at)
                        SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM round_document WHERE round_id = ? AND document_id = ?)""")
                .params(event.roundId(), event.documentId(), event.title(), event.reference(), java.sql.Timestamp.from(at),
                        event.roundId(), event.documentId())
                .update();
    }

    @EventHandler
    void on(CommitmentMadeEvent event, @Timestamp Instant at) {
        commitment(event.roundId(), event.investorId(), event.amount(), CommitmentStatus.ACTIVE, at);
        total(event.roundId(), event.committedTotal());
    }

    @EventHandler
    void on(CommitmentChangedEvent event, @Timestamp Instant at) {
        commitment(event.roundId(), event.investorId(), event.amount(), CommitmentStatus.ACTIVE, null);
        total(event.roundId(), event.committedTotal());
    }

    @EventHandler
    void on(CommitmentWithdrawnEvent event) {
        status(event.roundId(), event.investorId(), CommitmentStatus.WITHDRAWN);
        total(event.roundId(), event.committedTotal());
    }

    @EventHandler
    void on(RoundTermsAmendedEvent event) {
        RoundTerms t = event.terms();
        jdbc.sql("""
                        UPDATE investment_round SET instrument = ?, target_amount = ?, minimum_raise = ?, maximum_raise = ?,
                            minimum_ticket = ?, pre_money_valuation = ?, closing_date = ?, all_or_nothing = ?, amendments = ?,
                            reconfirm_by = ? WHERE id = ?""")
                .params(t.instrument().name(), t.targetAmount(), t.minimumRaise(), t.maximumRaise(), t.minimumTicket(),
                        t.preMoneyValuation(), t.closingDate(), t.allOrNothing(), event.amendment(),
                        event.reconfirmBy() == null ? null : java.sql.Timestamp.from(event.reconfirmBy()), event.roundId())
                .update();
        for (String investor : event.toReconfirm()) {
            status(event.roundId(), investor, CommitmentStatus.AWAITING_RECONFIRMATION);
        }
    }

    @EventHandler
    void on(CommitmentReconfirmedEvent event) {
        status(event.roundId(), event.investorId(), CommitmentStatus.ACTIVE);
    }

    @EventHandler
    void on(CommitmentLapsedEvent event) {
        status(event.roundId(), event.investorId(), CommitmentStatus.LAPSED);
        total(event.roundId(), event.committedTotal());
    }

    @EventHandler
    void on(CommitmentReleasedEvent event) {
        status(event.roundId(), event.investorId(), CommitmentStatus.RELEASED);
    }

    @EventHandler
    void on(CommitmentAllocatedEvent event) {
        jdbc.sql("UPDATE round_investor SET commitment_status = ?, allocation = ? WHERE round_id = ? AND investor_id = ?")
                .params(CommitmentStatus.ALLOCATED.name(), event.allocated(), event.roundId(), event.investorId())
                .update();
    }

    @EventHandler
    void on(RoundCancelledEvent event) {
        jdbc.sql("""
                        UPDATE investment_round SET status = ?, committed_total = ?, raised_amount = 0, closing_reason = ?,
                            closed_on = ? WHERE id = ?""")
                .params(RoundStatus.CANCELLED.name(), event.committedTotal(), event.reason(), event.closedOn(), event.roundId())
                .update();
    }

    @EventHandler
    void on(RoundClosedEvent event) {
        jdbc.sql("""
                        UPDATE investment_round SET status = ?, committed_total = ?, raised_amount = ?, post_money_valuation = ?,
                            oversubscribed = ?, closed_early = ?, closing_reason = ?, closed_on = ? WHERE id = ?""")
                .params(RoundStatus.CLOSED.name(), event.committedTotal(), event.raisedAmount(), event.postMoneyValuation(),
                        event.oversubscribed(), event.early(), event.reason(), event.closedOn(), event.roundId())
                .update();
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "round_investor", "round_document", "investment_round", "investor_user", "investor");
    }

    private void commitment(String roundId, String investorId, BigDecimal amount, CommitmentStatus status, Instant at) {
        if (at == null) {
            jdbc.sql("UPDATE round_investor SET commitment = ?, commitment_status = ? WHERE round_id = ? AND investor_id = ?")
                    .params(amount, status.name(), roundId, investorId).update();
        } else {
            jdbc.sql("""
                            UPDATE round_investor SET commitment = ?, commitment_status = ?, committed_at = ?
                            WHERE round_id = ? AND investor_id = ?""")
                    .params(amount, status.name(), java.sql.Timestamp.from(at), roundId, investorId).update();
        }
    }

    private void status(String roundId, String investorId, CommitmentStatus status) {
        jdbc.sql("UPDATE round_investor SET commitment_status = ? WHERE round_id = ? AND investor_id = ?")
                .params(status.name(), roundId, investorId).update();
    }

    private void total(String roundId, BigDecimal total) {
        jdbc.sql("UPDATE investment_round SET committed_total = ? WHERE id = ?").params(total, roundId).update();
    }

    // ---------------------------------------------------------------- queries

    @QueryHandler
    public Optional<InvestorView> handle(FindInvestorQuery query) {
        return jdbc.sql("SELECT * FROM investor WHERE id = ?").param(query.investorId())
                .query(this::investor).optional();
    }

    @QueryHandler
    public List<InvestorView> handle(FindInvestorsQuery query) {
        if (query.kind() == null) {
            return jdbc.sql("SELECT * FROM investor ORDER BY name, id").query(this::investor).list();
        }
        return jdbc.sql("SELECT * FROM investor WHERE kind = ? ORDER BY name, id").param(query.kind().name())
                .query(this::investor).list();
    }

    @QueryHandler
    public List<String> handle(FindInvestorsOfUserQuery query) {
        return jdbc.sql("SELECT investor_id FROM investor_user WHERE user_id = ? ORDER BY investor_id")
                .param(query.userId()).query(String.class).list();
    }

    @QueryHandler
    public List<String> handle(org.tremplin.investment.api.FindRoundIdsOfProjectQuery query) {
        return jdbc.sql("SELECT id FROM investment_round WHERE project_id = ? ORDER BY opened_at, id").param(query.projectId())
                .query(String.class).list();
    }

    @QueryHandler
    public Optional<RoundView> handle(FindRoundQuery query) {
        return jdbc.sql("SELECT * FROM investment_round WHERE id = ?").param(query.roundId())
                .query(this::round).optional();
    }

    @QueryHandler
    public List<RoundView> handle(FindRoundsQuery query) {
        if (query.investorIds() == null && query.companyOrganisationIds() == null) {
            return jdbc.sql("SELECT * FROM investment_round ORDER BY opened_at DESC, id").query(this::round).list();
        }
        List<String> investors = query.investorIds() == null ? List.of() : query.investorIds();
        List<String> companies = query.companyOrganisationIds() == null ? List.of() : query.companyOrganisationIds();
        if (investors.isEmpty() && companies.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM investment_round WHERE 1 = 0");
        List<Object> params = new ArrayList<>();
        if (!investors.isEmpty()) {
            sql.append(" OR id IN (SELECT round_id FROM round_investor WHERE investor_id IN (")
                    .append(placeholders(investors.size())).append("))");
            params.addAll(investors);
        }
        if (!companies.isEmpty()) {
            sql.append(" OR company_organisation_id IN (").append(placeholders(companies.size())).append(")");
            params.addAll(companies);
        }
        sql.append(" ORDER BY opened_at DESC, id");
        return jdbc.sql(sql.toString()).params(params).query(this::round).list();
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private InvestorView investor(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        List<String> users = jdbc.sql("SELECT user_id FROM investor_user WHERE investor_id = ? ORDER BY user_id")
                .param(id).query(String.class).list();
        return new InvestorView(id, rs.getString("code"), rs.getString("name"), InvestorKind.valueOf(rs.getString("kind")),
                users, rs.getTimestamp("registered_at").toInstant());
    }

    private RoundView round(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        RoundTerms terms = new RoundTerms(Instrument.valueOf(rs.getString("instrument")), money(rs, "target_amount"),
                money(rs, "minimum_raise"), money(rs, "maximum_raise"), money(rs, "minimum_ticket"),
                money(rs, "pre_money_valuation"), rs.getObject("closing_date", java.time.LocalDate.class),
                rs.getBoolean("all_or_nothing"));
        List<RoundView.Document> documents = jdbc.sql("""
                        SELECT document_id, title, reference, added_at FROM round_document WHERE round_id = ?
                        ORDER BY added_at, document_id""")
                .param(id)
                .query((d, i) -> new RoundView.Document(d.getString("document_id"), d.getString("title"),
                        d.getString("reference"), d.getTimestamp("added_at").toInstant()))
                .list();
        List<RoundView.Participant> investors = jdbc.sql("""
                        SELECT ri.*, i.name AS investor_name FROM round_investor ri LEFT JOIN investor i ON i.id = ri.investor_id
                        WHERE ri.round_id = ? ORDER BY ri.invited_at, ri.investor_id""")
                .param(id)
                .query((p, i) -> new RoundView.Participant(p.getString("investor_id"), p.getString("investor_name"),
                        instant(p, "invited_at"), instant(p, "nda_accepted_at"), p.getString("nda_accepted_by"),
                        money(p, "commitment"), p.getString("commitment_status") == null ? null
                                : CommitmentStatus.valueOf(p.getString("commitment_status")),
                        instant(p, "committed_at"), money(p, "allocation")))
                .list();
        return new RoundView(id, rs.getString("title"), rs.getString("company_organisation_id"), rs.getString("project_id"),
                terms, rs.getBoolean("share_passport"), rs.getBoolean("share_commitments"),
                RoundStatus.valueOf(rs.getString("status")), rs.getObject("opened_on", java.time.LocalDate.class),
                instant(rs, "opened_at"), rs.getString("opened_by"), rs.getInt("amendments"), instant(rs, "reconfirm_by"),
                money(rs, "committed_total"), money(rs, "raised_amount"), money(rs, "post_money_valuation"),
                rs.getBoolean("oversubscribed"), rs.getBoolean("closed_early"), rs.getString("closing_reason"),
                rs.getObject("closed_on", java.time.LocalDate.class), documents, investors);
    }

    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.setScale(2);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
