package org.tremplin.audit.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which read-model tables each tracking processor (processing group) writes: <b>the one place to extend</b> when a
 * projection or a table is added. The replay rebuilds only the processors named here, in this order, and checksums
 * exactly these tables; a tracking processor missing here is reported as SKIPPED (never reset blindly: it may have
 * side effects or tables nobody checks).
 *
 * <p>Every table listed must be emptied by the processor's {@code @ResetHandler} and filled only from event data
 * (event timestamps, never the processing time), otherwise a replay cannot reproduce it.
 */
public final class ReadModelTables {

    /** Processing group → its tables (V2__read_models.sql, V3__funding_registry.sql, V6__funding_applications.sql,
     * V7__investment.sql, V40, V41, V50, V55, V60, V65); {@code ReadModelTablesTest} checks that every table a reset
     * handler empties is listed under its processing group. */
    public static final Map<String, List<String>> BY_PROCESSING_GROUP = byGroup();

    /**
     * The processing groups whose rows each belong to ONE aggregate's events: every row their handlers read or write is
     * keyed by the aggregate that emitted the event (or by an entity inside it), so that Axon's per-aggregate sequencing
     * keeps them right when their events are handled in several segments at once. The replay splits these models'
     * batches into segments handled in parallel (decision 8, session 14).
     *
     * <p>{@code funding}: applications, their partners, conventions (entities of the application aggregate), versions,
     * contributors, expense statements, payments, overdue stages, chases and lead times are keyed by the application or
     * one of its conventions, statements or payments, all emitted by {@code FundingApplication}; the state-aid tables
     * are keyed by the ledger (one per project and organisation), emitted by {@code StateAidLedger} alone. No handler
     * reads another aggregate's rows. {@code ReadModelTablesTest} holds the list to these groups.
     */
    public static final java.util.Set<String> BY_AGGREGATE = java.util.Set.of("funding");

    private ReadModelTables() {
    }

    private static Map<String, List<String>> byGroup() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("organisations", List.of("organisation", "organisation_competence", "organisation_member",
                "organisation_referent", "partner_pole", "partner_pole_user", "reviewer_background"));
        tables.put("projects", List.of("project", "project_partner", "project_review", "co_label", "consortium_agreement",
                "consortium_agreement_signature", "model_agreement", "ip_pre_diagnosis", "pre_label"));
        tables.put("funding-registry", List.of("funder", "funder_service_level", "funder_contributor", "funder_user",
                "funding_call", "funding_call_eligible_kind"));
        tables.put("funding", List.of("funding_application", "funding_application_partner", "convention",
                "convention_contributor", "convention_version", "expense_statement", "funding_payment",
                "funding_payment_share", "state_aid_ledger", "state_aid_entry", "state_aid_recording", "state_aid_release",
                "funding_stage_overdue", "funding_stage_chase", "funding_lead_time"));
        tables.put("investments", List.of("investor", "investor_user", "investment_round", "round_document",
                "round_investor"));
        tables.put("historical-projects", List.of("historical_project", "historical_project_partner"));
        tables.put("import-runs", List.of("import_run", "import_run_refusal", "import_run_merge"));
        return java.util.Collections.unmodifiableMap(tables);
    }
}
