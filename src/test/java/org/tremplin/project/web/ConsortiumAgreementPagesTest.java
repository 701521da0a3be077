package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.tremplin.project.api.SetConsortiumAgreementTermsCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consortium agreement in the console (issue 13): the project page's panel shows its status and the terms per
 * partner; a member signs with its button; a refused signature is shown with its reason and stores nothing; whoever
 * cannot see the project gets 404.
 */
class ConsortiumAgreementPagesTest extends ConsolePageTestSupport {

    @Test
    void the_project_page_shows_the_terms_and_a_member_signs_from_it() throws Exception {
        ApiConsortium c = consortiumThroughApi("Console agreement lidar", "Console Groupe SA");
        String panel = "/projects/" + c.projectId() + "/consortium-agreement/panel";
        assertThat(html(page("/projects/" + c.projectId(), c.carrierUser(), Roles.CARRIER).andReturn()))
                .contains("/consortium-agreement/panel");
        assertThat(html(page(panel, c.carrierUser(), Roles.CARRIER).andReturn())).contains("No consortium agreement yet");

        String modelId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(STAFF, "/api/consortium-agreement-models", Map.of("modelId", modelId, "version", 1, "title", "Model",
                "clauses", "Clauses", "defaultConfidentialityYears", 4)).getStatusCode().value()).isEqualTo(201);
        Map<String, Object> terms = Map.of("modelId", modelId, "modelVersion", 1, "partners", List.of(
                Map.of("organisationId", c.carrierOrg(), "ownershipShareBasisPoints", 5000, "backgroundAccess", "FREE",
                        "exploitationRights", List.of(Map.of("fieldOfUse", "Rail lidar", "territory", "Europe", "exclusive", true))),
                Map.of("organisationId", c.largeOrg(), "ownershipShareBasisPoints", 3000, "backgroundAccess", "FAIR_CONDITIONS"),
                Map.of("organisationId", c.labOrg(), "ownershipShareBasisPoints", 2000, "backgroundAccess", "NONE")));
        assertThat(exchange(c.carrierUser(), HttpMethod.PUT, "/api/projects/" + c.projectId() + "/consortium-agreement", terms)
                .getStatusCode().value()).isEqualTo(200);

        String shown = html(page(panel, c.labUser(), Roles.CARRIER).andReturn());
        assertThat(shown).contains("Awaiting signatures", "version 1, from model " + modelId + " v1", "Rail lidar — Europe (exclusive)",
                "50.00 %", "30.00 %", "20.00 %", "Fair conditions", "4 years", "Sign version 1 for Laboratoire Photonique");
        assertThat(shown).doesNotContain("Sign version 1 for Photonique SME");

        // a signature of a replaced version is refused with its reason, nothing stored
        MvcResult refused = submit(MockMvcRequestBuilders.post("/projects/" + c.projectId() + "/consortium-agreement/sign")
                .param("organisationId", c.labOrg()).param("agreementVersion", "3"), c.labUser(), Roles.CARRIER).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(html(refused)).contains("has no version 3");
        String id = SetConsortiumAgreementTermsCommand.idOf(c.projectId());
        assertThat(eventTypes(id)).containsExactly("ConsortiumAgreementDraftedEvent");

        MvcResult signed = submit(MockMvcRequestBuilders.post("/projects/" + c.projectId() + "/consortium-agreement/sign")
                .param("organisationId", c.labOrg()).param("agreementVersion", "1"), c.labUser(), Roles.CARRIER).andReturn();
        assertThat(signed.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(id)).containsExactly("ConsortiumAgreementDraftedEvent", "ConsortiumAgreementSignedEvent");
        assertThat(html(page(panel, c.labUser(), Roles.CARRIER).andReturn())).doesNotContain("Sign version 1 for");

        // in French; and whoever cannot see the project gets 404
        assertThat(html(page(panel, STAFF, Roles.POLE_STAFF).andReturn())).contains("Signatures missing: ");
        String outsider = newUser("outsider", Roles.CARRIER);
        newOrganisation("Outsider Console SME", "SME", outsider);
        assertThat(page(panel, outsider, Roles.CARRIER).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(html(mvc.perform(as(MockMvcRequestBuilders.get(panel).header("Accept-Language", "fr"), c.labUser(),
                Roles.CARRIER)).andReturn())).contains("En attente de signatures", "Conditions équitables");
    }

    private static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
