package org.tremplin.investment.query;

import org.junit.jupiter.api.Test;
import org.tremplin.audit.seal.HeldVerification;
import org.tremplin.audit.seal.SealVerifier;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A labelled project's growth round through the REST API, from opening to allocation, and what investors may read of
 * it; run on H2 and on PostgreSQL by the subclasses.
 */
public abstract class InvestmentRoundScenarios extends ApiTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    private SealVerifier verifier;

    private static final ZoneId PARIS = ParisTime.ZONE;

    record Investor(String id, String user) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_labelled_projects_round_with_three_investors_one_withdrawal_oversubscribed_allocated_and_closed() {
        ApiConsortium project = labelledProject();
        String pole = partnerPoleGranted(project.projectId());
        Investor angels = investor("BUSINESS_ANGEL");
        Investor vc = investor("VC_FUND");
        Investor bpi = investor("BPIFRANCE_FUND");

        // the carrier opens the round for its company; staff invite the investors and fill the data room
        String roundId = openRound(project.carrierUser(), project.carrierOrg(), project.projectId());
        for (Investor investor : List.of(angels, vc, bpi)) {
            assertStatus(post(STAFF, "/api/rounds/" + roundId + "/invitations", Map.of("investorId", investor.id())), 200);
        }
        assertStatus(post(project.carrierUser(), "/api/rounds/" + roundId + "/documents",
                Map.of("title", "Business plan 2027-2030", "reference", "dataroom://photonique/bp-2027.pdf")), 200);

        // before the NDA: only the round's name and the invitation; no data room, no commitment
        Map<String, Object> teaser = get(angels.user(), "/api/rounds/" + roundId).getBody();
        assertThat(teaser).containsEntry("ndaRequired", true).doesNotContainKeys("terms", "investors", "projectId",
                "companyOrganisationId", "committedTotal");
        assertStatus(get(angels.user(), "/api/rounds/" + roundId + "/data-room"), 403);
        ResponseEntity<Map<String, Object>> withoutNda = post(angels.user(), "/api/rounds/" + roundId + "/commitment",
                Map.of("amount", 100000));
        assertThat(withoutNda.getStatusCode().value()).isEqualTo(422);
        assertThat((String) withoutNda.getBody().get("detail")).contains("NDA");

        for (Investor investor : List.of(angels, vc, bpi)) {
            Map<String, Object> accepted = post(investor.user(), "/api/rounds/" + roundId + "/nda", Map.of()).getBody();
            assertThat((Map<String, Object>) accepted.get("invitation")).containsKey("ndaAcceptedAt");
            assertThat(accepted).containsEntry("ndaRequired", false).containsKey("terms");
        }

        // the data room: documents and the funding passport, cut to the CONSORTIUM level of the project
        Map<String, Object> dataRoom = get(angels.user(), "/api/rounds/" + roundId + "/data-room").getBody();
        assertThat((List<Map<String, Object>>) dataRoom.get("documents")).extracting(d -> d.get("title"))
                .containsExactly("Business plan 2027-2030");
        Map<String, Object> passport = (Map<String, Object>) dataRoom.get("passport");
        assertThat(passport).containsEntry("projectId", project.projectId()).containsEntry("labelDecision", "GRANTED")
                .containsEntry("confidentiality", "CONSORTIUM").containsEntry("labelReasons", null)
                .containsEntry("conclusionsMessage", null).containsEntry("averageScore", null);
        assertThat((List<String>) passport.get("withheld")).contains("labelReasons", "conclusionsMessage", "averageScore");
        assertThat((Map<String, Object>) passport.get("verification")).containsEntry("available", true);

        // while a seal verification runs on the node past the passport's wait (2 s), the passport says so
        try (HeldVerification held = HeldVerification.start(verifier)) {
            Map<String, Object> busy = (Map<String, Object>) ((Map<String, Object>) get(angels.user(),
                    "/api/rounds/" + roundId + "/data-room").getBody().get("passport")).get("verification");
            assertThat(busy).containsEntry("available", false);
            assertThat((String) busy.get("problem")).contains("A seal verification is running on this node");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat((Map<String, Object>) passport.get("consortiumAgreement")).containsEntry("status", "NONE");
        assertThat(dataRoom.toString()).doesNotContain("Innovative and well balanced consortium");
        // a partner pole's label (co-labelling) is in the passport, its conclusions withheld at this level
        assertThat((List<Map<String, Object>>) passport.get("partnerPoleLabels")).singleElement()
                .satisfies(label -> assertThat(label).containsEntry("poleId", pole).containsEntry("conclusions", null)
                        .containsKey("grantedAt"));
        assertThat(dataRoom.toString()).doesNotContain("Fits our aeronautics roadmap");

        // commitments: one withdrawal, then oversubscribed (710,000 for a maximum of 600,000)
        commit(angels, roundId, 400000);
        commit(vc, roundId, 250000);
        commit(bpi, roundId, 100000);
        assertStatus(post(bpi.user(), "/api/rounds/" + roundId + "/commitment/withdraw",
                Map.of("reason", "Investment committee said no")), 200);
        commit(vc, roundId, 310000);
        ResponseEntity<Map<String, Object>> belowTicket = post(bpi.user(), "/api/rounds/" + roundId + "/commitment",
                Map.of("amount", 10000));
        assertThat(belowTicket.getStatusCode().value()).isEqualTo(422);

        Map<String, Object> seenByAngels = get(angels.user(), "/api/rounds/" + roundId).getBody();
        assertThat(((Map<String, Object>) seenByAngels.get("invitation")).get("commitment")).isEqualTo(400000.0);
        assertThat(seenByAngels.toString()).doesNotContain(vc.id()).doesNotContain(bpi.id()).doesNotContain("310000")
                .doesNotContain(vc.user());
        assertThat(seenByAngels).doesNotContainKeys("investors", "otherCommitments", "committedTotal");

        // staff close early: allocated pro rata to 600,000 in whole euros (floor, then the euro left by largest remainder)
        Map<String, Object> closed = post(STAFF, "/api/rounds/" + roundId + "/close", Map.of("reason", "Oversubscribed"))
                .getBody();
        assertThat(closed).containsEntry("status", "CLOSED").containsEntry("raisedAmount", 600000.0)
                .containsEntry("postMoneyValuation", 4600000.0).containsEntry("oversubscribed", true)
                .containsEntry("closedEarly", true);

        Map<String, Object> ownAllocation = get(angels.user(), "/api/rounds/" + roundId + "/allocation").getBody();
        assertThat(ownAllocation).containsEntry("investorId", angels.id()).containsEntry("allocation", 338028.0)
                .doesNotContainKey("allocations");
        assertThat(get(vc.user(), "/api/rounds/" + roundId + "/allocation").getBody())
                .containsEntry("allocation", 261972.0);
        assertThat(get(bpi.user(), "/api/rounds/" + roundId + "/allocation").getBody())
                .containsEntry("commitmentStatus", "WITHDRAWN").containsEntry("allocation", null);
        List<Map<String, Object>> table = (List<Map<String, Object>>) get(STAFF, "/api/rounds/" + roundId + "/allocation")
                .getBody().get("allocations");
        assertThat(table).extracting(line -> line.get("investorId"), line -> line.get("allocation"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(angels.id(), 338028.0),
                        org.assertj.core.groups.Tuple.tuple(vc.id(), 261972.0),
                        org.assertj.core.groups.Tuple.tuple(bpi.id(), null));
        assertThat(post(vc.user(), "/api/rounds/" + roundId + "/commitment", Map.of("amount", 100000))
                .getStatusCode().value()).as("a commitment after the close").isEqualTo(409);

        // every step is an event with its actor; the close carries the process step's metadata
        assertThat(eventTypes(roundId)).containsExactly("RoundOpenedEvent", "InvestorInvitedEvent", "InvestorInvitedEvent",
                "InvestorInvitedEvent", "RoundDocumentAddedEvent", "RoundNdaAcceptedEvent", "RoundNdaAcceptedEvent",
                "RoundNdaAcceptedEvent", "CommitmentMadeEvent", "CommitmentMadeEvent", "CommitmentMadeEvent",
                "CommitmentWithdrawnEvent", "CommitmentChangedEvent", "CommitmentAllocatedEvent", "CommitmentAllocatedEvent",
                "RoundClosedEvent");
        assertThat(events(roundId)).allSatisfy(e -> assertThat(e.getMetaData()).containsKey("actor"));
        assertThat(events(roundId).get(0).getMetaData()).containsEntry("actor", project.carrierUser())
                .containsEntry("activityId", "service_open_round");
        assertThat(events(roundId).get(events(roundId).size() - 1).getMetaData()).containsEntry("actor", STAFF)
                .containsEntry("activityId", "user_close_round");
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(roundId).count()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_investor_never_reads_another_round_another_investors_commitment_or_a_confidential_field() {
        ApiConsortium project = labelledProject();
        Investor invited = investor("VC_FUND");
        Investor other = investor("CORPORATE_FUND");
        Investor outsider = investor("BUSINESS_ANGEL");
        String roundId = openRound(project.carrierUser(), project.carrierOrg(), project.projectId());
        assertStatus(post(STAFF, "/api/rounds/" + roundId + "/invitations", Map.of("investorId", invited.id())), 200);
        assertStatus(post(STAFF, "/api/rounds/" + roundId + "/invitations", Map.of("investorId", other.id())), 200);
        post(invited.user(), "/api/rounds/" + roundId + "/nda", Map.of());
        post(other.user(), "/api/rounds/" + roundId + "/nda", Map.of());
        commit(other, roundId, 120000);
        commit(invited, roundId, 80000);

        // a round the investor is not invited to does not exist for it, through every endpoint
        for (String path : List.of("", "/data-room", "/allocation")) {
            assertStatus(get(outsider.user(), "/api/rounds/" + roundId + path), 404);
        }
        assertStatus(post(outsider.user(), "/api/rounds/" + roundId + "/nda", Map.of()), 404);
        assertStatus(post(outsider.user(), "/api/rounds/" + roundId + "/commitment", Map.of("amount", 100000)), 404);
        assertThat(getList(outsider.user(), "/api/rounds").getBody()).extracting(r -> r.get("id")).doesNotContain(roundId);
        assertThat(getList(invited.user(), "/api/rounds").getBody()).extracting(r -> r.get("id")).containsExactly(roundId);

        // another investor's identity and commitment never show, and nor does the project's confidential file
        String everythingSeen = get(invited.user(), "/api/rounds/" + roundId).getBody().toString()
                + getList(invited.user(), "/api/rounds").getBody()
                + get(invited.user(), "/api/rounds/" + roundId + "/data-room").getBody()
                + get(invited.user(), "/api/rounds/" + roundId + "/allocation").getBody()
                + getList(invited.user(), "/api/investors").getBody();
        assertThat(everythingSeen).doesNotContain(other.id()).doesNotContain(other.user()).doesNotContain("120000")
                .doesNotContain("Innovative and well balanced consortium").doesNotContain("Well done.")
                .doesNotContain(project.largeUser()).contains("80000");
        assertStatus(get(invited.user(), "/api/investors/" + other.id()), 404);
        assertStatus(get(invited.user(), "/api/projects/" + project.projectId() + "/funding"), 403, 404);
        assertThat(getList(invited.user(), "/api/investors").getBody()).extracting(i -> i.get("id"))
                .containsExactly(invited.id());
        // writes reserved to staff
        assertStatus(post(invited.user(), "/api/rounds/" + roundId + "/invitations", Map.of("investorId", outsider.id())), 403);
        assertStatus(post(invited.user(), "/api/rounds/" + roundId + "/close", Map.of("reason", "Mine now")), 403);
        assertStatus(post(invited.user(), "/api/rounds/" + roundId + "/documents",
                Map.of("title", "Fake", "reference", "x")), 403);
        // the company and staff see every commitment
        List<Map<String, Object>> investors = (List<Map<String, Object>>) get(project.carrierUser(), "/api/rounds/" + roundId)
                .getBody().get("investors");
        assertThat(investors).extracting(i -> i.get("investorId")).containsExactly(invited.id(), other.id());
    }

    // ---------------------------------------------------------------- fixtures

    /** A CONSORTIUM-level project labelled through the API (reviews, decision, conclusions communicated). */
    /** A partner pole asked by staff for its label on the project, granted by its user (co-labelling); its id. */
    private String partnerPoleGranted(String projectId) {
        String user = newUser("pole", Roles.PARTNER_POLE);
        String pole = "POLE-R" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
        assertStatus(post(STAFF, "/api/partner-poles", Map.of("id", pole, "name", "Pôle Round", "themes", List.of("Space"),
                "contactName", "Contact", "contactEmail", "contact@round.example")), 201);
        assertStatus(post(STAFF, "/api/partner-poles/" + pole + "/users", Map.of("userId", user)), 200);
        assertStatus(post(STAFF, "/api/projects/" + projectId + "/co-labels", Map.of("poleId", pole)), 201);
        completeOk(user, awaitTask(user, projectId, "user_decide_colabel"),
                Map.of("granted", true, "conclusions", "Fits our aeronautics roadmap"));
        return pole;
    }

    protected ApiConsortium labelledProject() {
        ApiConsortium c = consortiumThroughApi();
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        assertStatus(complete(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(),
                ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM), Map.of("consortiumComplete", true)), 204);
        assertStatus(complete(STAFF, awaitTask(STAFF, c.projectId(), LabellingProcess.Elements.USER_ASSIGN_REVIEWERS),
                Map.of("reviewers", reviewerA + ", " + reviewerB,
                        "reviewDeadline", LocalDate.now(PARIS).plusDays(10).toString())), 204);
        for (String reviewer : List.of(reviewerA, reviewerB)) {
            assertStatus(complete(reviewer, awaitTask(reviewer, c.projectId(), LabellingProcess.Elements.USER_REVIEW_FILE),
                    Map.of("score", 15, "recommendation", "GRANT", "conclusions", "Solid team.")), 204);
        }
        assertStatus(complete(STAFF, awaitTask(STAFF, c.projectId(), LabellingProcess.Elements.USER_DECIDE_LABEL),
                Map.of("granted", true, "reasons", "Innovative and well balanced consortium.")), 204);
        assertStatus(complete(STAFF, awaitTask(STAFF, c.projectId(), LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS),
                Map.of("message", "Well done.")), 204);
        awaitProject(STAFF, c.projectId(), p -> "LABEL_GRANTED".equals(p.get("status")) && p.containsKey("conclusions"));
        return c;
    }

    protected Investor investor(String kind) {
        String user = newUser("investor", Roles.INVESTOR);
        String code = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        assertStatus(post(STAFF, "/api/investors", Map.of("code", code, "name", "Fund " + code, "kind", kind)), 201);
        String id = "INVESTOR-" + code;
        assertStatus(post(STAFF, "/api/investors/" + id + "/users", Map.of("userId", user)), 200);
        return new Investor(id, user);
    }

    protected String openRound(String user, String company, String projectId) {
        Map<String, Object> terms = equityTerms(500000, 300000, 600000, 50000, 4000000.00, LocalDate.now(PARIS).plusMonths(2));
        ResponseEntity<Map<String, Object>> opened = post(user, "/api/rounds", Map.of("title", "Series A",
                "companyOrganisationId", company, "projectId", projectId, "terms", terms, "sharePassport", true,
                "shareCommitments", false));
        assertStatus(opened, 201);
        return (String) opened.getBody().get("id");
    }

    private void commit(Investor investor, String roundId, long amount) {
        assertStatus(post(investor.user(), "/api/rounds/" + roundId + "/commitment", Map.of("amount", amount)), 200);
    }

    private static void assertStatus(ResponseEntity<?> response, int... statuses) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isIn(java.util.Arrays.stream(statuses)
                .boxed().toList());
    }

    private static org.camunda.bpm.engine.RuntimeService runtimeService() {
        return org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService();
    }
}
