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
