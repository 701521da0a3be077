package org.tremplin.funding.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A budget shifted between partners moves state aid between their cross-funder ledgers, in the read model as in the
 * ledger aggregate: the giver's total goes down, the receiver's up by the same amount, and the receiver's entry for
 * the application shows its grant plus the shift.
 */
class BudgetShiftStateAidTest extends ApiTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void a_budget_shift_charges_the_receivers_ledger_and_releases_the_givers() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String funderUser = newUser("funder", Roles.FUNDER);
        String funder = ensureFunder("SHIFT-" + suffix, "Shift fund", "STATE_FUI", null, funderUser);
        String call = ensureCall(funder, "SHIFT-" + suffix + "-C");
        ApiConsortium c = labelledThroughApi("Shifting budgets", "Shifting Budget Group");
        String project = c.projectId();
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", call));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", call),
                Map.of("requests", c.carrierOrg() + "; 200000; 100000; 100000\n" + c.largeOrg() + "; 300000; 100000; 50000"));
        completeOk(funderUser, awaitTask(funderUser, project, "user_record_funding_decision", "callId", call),
                Map.of("granted", true, "grants", c.carrierOrg() + "; 60000\n" + c.largeOrg() + "; 30000",
                        "reasons", "Both work packages."));
        String application = SubmitFundingApplicationCommand.applicationId(project, call.substring(5));
        awaitTask(funderUser, project, "user_sign_convention", "conventionId", GrantedAid.conventionId(application, c.largeOrg()));
        await().atMost(Duration.ofSeconds(10)).until(() -> totalAid(project, c.largeOrg()) != null);
        assertThat(totalAid(project, c.largeOrg())).isEqualByComparingTo("30000");

        ResponseEntity<Map<String, Object>> shifted = post(STAFF, "/api/funding/applications/" + application + "/budget-shifts",
                Map.of("fromOrganisationId", c.carrierOrg(), "toOrganisationId", c.largeOrg(), "amount", 2000,
                        "reason", "Integration work moved to the large company"));
        assertThat(shifted.getStatusCode().value()).as("%s", shifted.getBody()).isEqualTo(200);

        // the API answers once its read models caught up with the request's own events
        assertThat(totalAid(project, c.largeOrg())).isEqualByComparingTo("32000");
        assertThat(totalAid(project, c.carrierOrg())).isEqualByComparingTo("58000");
        Map<String, Object> large = ledger(project, c.largeOrg());
        List<Map<String, Object>> aids = (List<Map<String, Object>>) large.get("aids");
        assertThat(aids).hasSize(1);
        assertThat(new BigDecimal(String.valueOf(aids.get(0).get("amount")))).isEqualByComparingTo("32000");
        // the ledger aggregate and the read model agree
        assertThat(eventTypes(org.tremplin.funding.api.RecordStateAidCommand.ledgerId(project, c.largeOrg())))
                .containsExactly("StateAidRecordedEvent", "StateAidRecordedEvent");
    }

    private BigDecimal totalAid(String project, String organisation) {
        Map<String, Object> ledger = ledger(project, organisation);
        return ledger == null || ledger.get("totalAid") == null ? null : new BigDecimal(String.valueOf(ledger.get("totalAid")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ledger(String project, String organisation) {
        Map<String, Object> funding = get(STAFF, "/api/projects/" + project + "/funding").getBody();
        if (funding == null || funding.get("stateAid") == null) {
            return null;
        }
        return ((List<Map<String, Object>>) funding.get("stateAid")).stream()
                .filter(p -> organisation.equals(p.get("organisationId"))).findFirst().orElse(null);
    }
}
