package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tremplin.project.api.RequestIpPreDiagnosisCommand;
import org.tremplin.shared.Roles;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The IP pre-diagnosis through the API, on H2; and its console pages and the adviser's pending list. */
class IpPreDiagnosisTest extends IpPreDiagnosisScenarios {

    @Autowired
    private MockMvc mvc;

    @Test
    void the_console_asks_records_and_shares_and_the_adviser_lists_what_is_pending() throws Exception {
        ApiConsortium c = consortiumThroughApi("IP console lidar", "IP Console Groupe SA");
        String adviser = newUser("iris", Roles.IP_ADVISER);
        String page = "/projects/" + c.projectId() + "/ip-pre-diagnoses";
        String id = RequestIpPreDiagnosisCommand.idOf(c.projectId(), c.carrierOrg());

        // the SME's user asks from the project's pre-diagnosis page
        assertThat(html(mvc.perform(as(MockMvcRequestBuilders.get("/projects/" + c.projectId()), c.carrierUser(), Roles.CARRIER))))
                .contains("href=\"" + page + "\"");
        assertThat(html(mvc.perform(as(MockMvcRequestBuilders.get(page), c.carrierUser(), Roles.CARRIER)))).contains("id=\"ask-organisationId\"",
                c.carrierOrg());
        MockHttpServletResponse asked = mvc.perform(as(MockMvcRequestBuilders.post(page + "/ask").with(csrf()).param("organisationId", c.carrierOrg()),
                c.carrierUser(), Roles.CARRIER)).andReturn().getResponse();
        assertThat(asked.getStatus()).isEqualTo(302);
        assertThat(eventTypes(id)).containsExactly("IpPreDiagnosisRequestedEvent");
        // a partner that is not an SME is refused on the page, nothing stored
        MockHttpServletResponse large = mvc.perform(as(MockMvcRequestBuilders.post(page + "/ask").with(csrf()).param("organisationId", c.largeOrg()),
                c.largeUser(), Roles.CARRIER)).andReturn().getResponse();
        assertThat(large.getStatus()).isEqualTo(400);
        assertThat(large.getContentAsString(StandardCharsets.UTF_8)).contains("is not an SME");
        assertThat(events(RequestIpPreDiagnosisCommand.idOf(c.projectId(), c.largeOrg()))).isEmpty();

        // the adviser's pending list, through the API and the console; nobody else's
        List<Map<String, Object>> pending = getList(adviser, "/api/ip-pre-diagnoses/pending").getBody();
        assertThat(pending).filteredOn(r -> id.equals(r.get("id"))).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("projectTitle", "IP console lidar").containsEntry("organisationName", "Photonique SME")
                .containsEntry("requestedBy", c.carrierUser()));
        assertThat(getList(AUDITOR, "/api/ip-pre-diagnoses/pending").getStatusCode().value()).isEqualTo(200);
        assertThat(get(c.carrierUser(), "/api/ip-pre-diagnoses/pending").getStatusCode().value()).isEqualTo(403);
        assertThat(get(STAFF, "/api/ip-pre-diagnoses/pending").getStatusCode().value()).isEqualTo(403);
        assertThat(html(mvc.perform(as(MockMvcRequestBuilders.get("/ip-adviser"), adviser, Roles.IP_ADVISER)))).contains("IP console lidar", page);
        assertThat(mvc.perform(as(MockMvcRequestBuilders.get("/ip-adviser"), c.carrierUser(), Roles.CARRIER)).andReturn().getResponse().getStatus())
                .isEqualTo(404);

        // the adviser records the findings on the page: an empty field is refused by its field, nothing stored
        String prefix = "findings-" + c.carrierOrg() + "-";
        assertThat(html(mvc.perform(as(MockMvcRequestBuilders.get(page), adviser, Roles.IP_ADVISER)))).contains("id=\"" + prefix + "keepSecret\"");
        MockHttpServletResponse empty = mvc.perform(as(MockMvcRequestBuilders.post(page + "/" + c.carrierOrg() + "/findings").with(csrf())
                .param("priorArtToCheck", "EP1234567").param("fileBeforeDisclosure", "The fog filter")
                .param("keepSecret", " "), adviser, Roles.IP_ADVISER)).andReturn().getResponse();
        assertThat(empty.getStatus()).isEqualTo(400);
        assertThat(empty.getContentAsString(StandardCharsets.UTF_8)).contains("keepSecret: ");
        assertThat(eventTypes(id)).hasSize(1);
        MockHttpServletResponse recorded = mvc.perform(as(MockMvcRequestBuilders.post(page + "/" + c.carrierOrg() + "/findings").with(csrf())
                .param("priorArtToCheck", "EP1234567").param("fileBeforeDisclosure", "The fog filter")
                .param("keepSecret", "The recipe"), adviser, Roles.IP_ADVISER)).andReturn().getResponse();
        assertThat(recorded.getStatus()).isEqualTo(302);
        assertThat(getList(adviser, "/api/ip-pre-diagnoses/pending").getBody()).noneMatch(r -> id.equals(r.get("id")));

        // the SME reads the findings and shares a summary; a partner reads neither the findings nor a form
        assertThat(html(mvc.perform(as(MockMvcRequestBuilders.get(page), c.carrierUser(), Roles.CARRIER)))).contains("The recipe",
                "id=\"summary-" + c.carrierOrg() + "-summary\"");
        assertThat(html(mvc.perform(as(MockMvcRequestBuilders.get(page), c.largeUser(), Roles.CARRIER)))).doesNotContain("The recipe", "EP1234567");
        MockHttpServletResponse shared = mvc.perform(as(MockMvcRequestBuilders.post(page + "/" + c.carrierOrg() + "/summary").with(csrf())
                .param("summary", "Patent filed; the rest stays with us."), c.carrierUser(), Roles.CARRIER)).andReturn().getResponse();
        assertThat(shared.getStatus()).isEqualTo(302);
        assertThat(html(mvc.perform(as(MockMvcRequestBuilders.get(page), c.largeUser(), Roles.CARRIER))))
                .contains("Patent filed; the rest stays with us.").doesNotContain("The recipe");
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String userId, String... groups) {
        return request.with(user(userId).roles(groups));
    }

    private static String html(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
