package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.project.api.AgreementRequiredBefore;
import org.tremplin.project.api.SetConsortiumAgreementTermsCommand;
import org.tremplin.project.command.ConsortiumAgreementGate;
import org.tremplin.shared.Roles;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consortium agreement through the API, on H2 (the shared context): the scenarios, the labelling gate of a pole
 * that requires the agreement before labelling, and who may state, sign and read it.
 */
class ConsortiumAgreementTest extends ConsortiumAgreementScenarios {

    @Autowired
    private ConsortiumAgreementGate gate;

    @Test
    void the_labelling_gate_names_the_missing_signatures_and_stores_nothing_then_lets_the_signed_consortium_through() {
        ApiConsortium c = consortiumThroughApi("Gated lidar", "Gate Groupe SA");
        String path = "/api/projects/" + c.projectId() + "/consortium-agreement";
        gate.requireBefore(AgreementRequiredBefore.LABELLING);
        try {
            assertThat(get(STAFF, path).getBody().get("requiredBefore")).isEqualTo("LABELLING");
            Map<String, Object> task = awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium");
            assertProblem(complete(c.carrierUser(), task, Map.of("consortiumComplete", true)), 409, "before labelling",
                    "has none yet", "Photonique SME (" + c.carrierOrg() + ")", "Gate Groupe SA (" + c.largeOrg() + ")",
                    "Laboratoire Photonique (" + c.labOrg() + ")");

            String modelId = publishModel();
            assertThat(exchange(c.carrierUser(), HttpMethod.PUT, path, terms(modelId, c, 4000, 4000, 2000))
                    .getStatusCode().value()).isEqualTo(200);
            assertThat(sign(c.carrierUser(), c.projectId(), c.carrierOrg(), 1).getStatusCode().value()).isEqualTo(201);
            assertThat(sign(c.largeUser(), c.projectId(), c.largeOrg(), 1).getStatusCode().value()).isEqualTo(201);
            ResponseEntity<Map<String, Object>> refused = complete(c.carrierUser(),
                    awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium"), Map.of("consortiumComplete", true));
            assertProblem(refused, 409, "lacks the signatures of Laboratoire Photonique (" + c.labOrg() + ")");
            assertThat(String.valueOf(refused.getBody())).doesNotContain(c.carrierOrg() + ")", c.largeOrg() + ")");
            assertThat(eventTypes(c.projectId())).doesNotContain("ProjectSubmittedForLabellingEvent");
            assertThat(get(STAFF, "/api/projects/" + c.projectId()).getBody().get("status")).isEqualTo("CONSORTIUM_BUILDING");

            assertThat(sign(c.labUser(), c.projectId(), c.labOrg(), 1).getStatusCode().value()).isEqualTo(201);
            completeOk(c.carrierUser(), awaitTask(c.carrierUser(), c.projectId(), "user_build_consortium"),
                    Map.of("consortiumComplete", true));
            awaitProject(STAFF, c.projectId(), p -> "AWAITING_REVIEWERS".equals(p.get("status")));
            assertThat(eventTypes(c.projectId())).contains("ProjectSubmittedForLabellingEvent");
        } finally {
            gate.requireBefore(AgreementRequiredBefore.NONE);
        }
    }

    @Test
    void only_staff_or_the_carrier_state_the_terms_only_members_sign_and_read() {
        ApiConsortium c = consortiumThroughApi("Agreement access lidar", "Access Groupe SA");
        String path = "/api/projects/" + c.projectId() + "/consortium-agreement";
        String id = SetConsortiumAgreementTermsCommand.idOf(c.projectId());
        String invitedUser = newUser("invited", Roles.CARRIER);
        String invitedOrg = newOrganisation("Invited Optics SME", "SME", invitedUser);
        assertThat(post(c.carrierUser(), "/api/projects/" + c.projectId() + "/invitations",
                Map.of("organisationId", invitedOrg)).getStatusCode().value()).isEqualTo(200);
        awaitProject(c.carrierUser(), c.projectId(), p -> ((List<?>) p.get("partners")).size() == 4);
        String modelId = publishModel();

        // staff only publish models
        assertThat(post(c.carrierUser(), "/api/consortium-agreement-models", Map.of("modelId", "carrier-model",
                "version", 1, "title", "Mine", "clauses", "None", "defaultConfidentialityYears", 3))
                .getStatusCode().value()).isEqualTo(403);
        assertProblem(post(STAFF, "/api/consortium-agreement-models", Map.of("modelId", modelId, "version", 1,
                "title", "Again", "clauses", "Same", "defaultConfidentialityYears", 3)), 409, "publish version 2");
        assertThat(getList(c.labUser(), "/api/consortium-agreement-models").getBody())
                .anyMatch(m -> modelId.equals(m.get("modelId")) && Integer.valueOf(1).equals(m.get("version")));

        // a partner (not the carrier) cannot state the terms; an unknown model version, an invited organisation or
        // two exclusive rights on one field and territory are refused; nothing is stored
        assertThat(exchange(c.largeUser(), HttpMethod.PUT, path, terms(modelId, c, 4000, 4000, 2000)).getStatusCode()
                .value()).isEqualTo(403);
        assertProblem(exchange(c.carrierUser(), HttpMethod.PUT, path, Map.of("modelId", modelId, "modelVersion", 7,
                "partners", List.of(partner(c.carrierOrg(), 10000, true)))), 400, "has no published version 7");
        assertProblem(exchange(c.carrierUser(), HttpMethod.PUT, path, Map.of("modelId", modelId, "modelVersion", 1,
                "partners", List.of(partner(c.carrierOrg(), 5000, true), partner(invitedOrg, 5000, false)))), 400,
                invitedOrg + " is not a member of the consortium");
        Map<String, Object> exclusive = Map.of("fieldOfUse", "Rail", "territory", "France", "exclusive", true);
        assertProblem(exchange(STAFF, HttpMethod.PUT, path, Map.of("modelId", modelId, "modelVersion", 1, "partners", List.of(
                Map.of("organisationId", c.carrierOrg(), "ownershipShareBasisPoints", 5000, "exploitationRights",
                        List.of(exclusive), "backgroundAccess", "FREE"),
                Map.of("organisationId", c.largeOrg(), "ownershipShareBasisPoints", 5000, "exploitationRights",
                        List.of(exclusive), "backgroundAccess", "NONE", "confidentialityYears", 7)))), 400,
                "exploits 'Rail' in 'France' exclusively");
        assertThat(events(id)).isEmpty();
        assertProblem(sign(c.carrierUser(), c.projectId(), c.carrierOrg(), 1), 404, "No consortium agreement");

        // nobody signs while a member is missing from the terms
        assertThat(exchange(STAFF, HttpMethod.PUT, path, Map.of("modelId", modelId, "modelVersion", 1,
                "partners", List.of(partner(c.carrierOrg(), 6000, true), partner(c.largeOrg(), 4000, false))))
                .getStatusCode().value()).isEqualTo(200);
        assertProblem(sign(c.carrierUser(), c.projectId(), c.carrierOrg(), 1), 422, "does not state the terms of " + c.labOrg());

        // signing for an organisation one does not act for is forbidden; an invited organisation is no member yet
        assertProblem(sign(c.largeUser(), c.projectId(), c.carrierOrg(), 1), 403, "You do not act for");
        assertProblem(sign(invitedUser, c.projectId(), invitedOrg, 1), 400, "is not a member of the consortium");
        assertThat(eventTypes(id)).containsExactly("ConsortiumAgreementDraftedEvent");

        // reading: members, staff, auditors read the terms; the invited organisation sees the project, and of the
        // agreement only its status and version
        for (String reader : List.of(c.carrierUser(), c.largeUser(), c.labUser(), STAFF, AUDITOR)) {
            ResponseEntity<Map<String, Object>> read = get(reader, path);
            assertThat(read.getStatusCode().value()).as(reader).isEqualTo(200);
            assertThat((List<?>) read.getBody().get("partners")).as(reader).hasSize(2);
        }
        assertThat(get(invitedUser, "/api/projects/" + c.projectId()).getStatusCode().value()).isEqualTo(200);
        Map<String, Object> outside = get(invitedUser, path).getBody();
        assertThat(outside.get("status")).isEqualTo("SIGNING");
        assertThat(outside.get("version")).isEqualTo(1);
        assertThat(outside.get("partners")).isNull();
        assertThat(outside.get("signatures")).isNull();
        assertThat(outside.get("missingSignatures")).isNull();
    }

    @Test
    void the_first_convention_gate_names_the_missing_signatures_then_lets_the_signed_convention_through() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        String fuiUser = newUser("fui", Roles.FUNDER);
        String fui = ensureFunder("FUI-" + suffix, "Fonds unique interministériel", "STATE_FUI", null, fuiUser);
        String call = ensureCall(fui, "FUI-" + suffix + "-C");
        ApiConsortium c = labelledThroughApi("Convention-gated lidar", "Convention Groupe SA");
        String project = c.projectId();
        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", call));
        awaitProject(STAFF, project, p -> "FUNDING".equals(p.get("status")));
        completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", call),
                Map.of("requests", c.carrierOrg() + "; 200000; 100000; 100000"));
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_record_funding_decision", "callId", call),
                Map.of("granted", true, "grants", c.carrierOrg() + "; 100000", "reasons", "The SME's work package."));
        String application = SubmitFundingApplicationCommand.applicationId(project, call.substring(5));
        String convention = GrantedAid.conventionId(application, c.carrierOrg());
        String today = org.tremplin.shared.ParisTime.today().toString();
        Map<String, Object> signing = Map.of("signedOn", today, "endDate",
                org.tremplin.shared.ParisTime.today().plusYears(2).toString(), "advancePercent", "20", "interimCapPercent", "80");
        gate.requireBefore(AgreementRequiredBefore.FIRST_CONVENTION);
        try {
            assertProblem(complete(fuiUser, awaitTask(fuiUser, project, "user_sign_convention", "conventionId", convention),
                    signing), 409, "before the first funding convention", "has none yet",
                    "Laboratoire Photonique (" + c.labOrg() + ")");
            assertThat(eventTypes(application)).doesNotContain("ConventionSignedEvent");
            assertThat(eventTypes(project)).doesNotContain("ResearchStartedEvent");

            String path = "/api/projects/" + project + "/consortium-agreement";
            assertThat(exchange(c.carrierUser(), HttpMethod.PUT, path, terms(publishModel(), c, 5000, 3000, 2000))
                    .getStatusCode().value()).isEqualTo(200);
            signedByAll(c, 1);
            completeOk(fuiUser, awaitTask(fuiUser, project, "user_sign_convention", "conventionId", convention), signing);
            awaitProject(STAFF, project, p -> "IN_RESEARCH".equals(p.get("status")));
        } finally {
            gate.requireBefore(AgreementRequiredBefore.NONE);
        }
    }
}
