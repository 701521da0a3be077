package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.tremplin.project.api.RequestCoLabelCommand;
import org.tremplin.project.process.CoLabellingProcess;
import org.tremplin.shared.Roles;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** Co-labelling through the API on H2, and its console pages. */
class CoLabellingApiTest extends CoLabellingScenarios {

    @Autowired
    private MockMvc mvc;

    @Test
    void the_console_asks_a_pole_and_the_pole_s_user_decides_on_its_task_page() throws Exception {
        ApiConsortium c = submittedForLabelling("Console co-labelled lidar");
        ApiConsortium elsewhere = consortiumThroughApi("Console other lidar", "Aero Groupe SA");
        String[] pole = newPole("Pôle Console Test");
        String page = "/projects/" + c.projectId();

        // the carrier's project page offers the request, with the pole in the list
        assertThat(html(as(get(page), c.carrierUser(), Roles.CARRIER))).contains("Ask a partner pole for its label",
                "value=\"" + pole[0] + "\"", "Labels by pole");
        // a request without a pole is refused on the page, nothing stored
        MvcResult empty = as(post(page + "/co-labels"), c.carrierUser(), Roles.CARRIER);
        assertThat(empty.getResponse().getStatus()).isEqualTo(400);
        assertThat(empty.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("poleId");
        String id = RequestCoLabelCommand.idOf(c.projectId(), pole[0]);
        assertThat(events(id)).isEmpty();
        MvcResult asked = as(post(page + "/co-labels").param("poleId", pole[0]).param("message", "Please co-label"),
                c.carrierUser(), Roles.CARRIER);
        assertThat(asked.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(id)).containsExactly("CoLabelRequestedEvent");

        // the pole's user: its task in its list, the task page with the file and the decision's fields
        Map<String, Object> task = awaitTask(pole[1], c.projectId(), CoLabellingProcess.Elements.USER_DECIDE_COLABEL);
        assertThat(html(as(get("/tasks"), pole[1], Roles.PARTNER_POLE))).contains("Decide the label of Pôle Console Test");
        assertThat(html(as(get("/tasks/" + task.get("id")), pole[1], Roles.PARTNER_POLE)))
                .contains("Console co-labelled lidar", "id=\"conclusions\"", "id=\"granted\"", "Labels by pole");
        MvcResult decided = as(post("/tasks/" + task.get("id")).param("granted", "true")
                .param("conclusions", "Welcome in our aerospace portfolio."), pole[1], Roles.PARTNER_POLE);
        assertThat(decided.getResponse().getStatus()).isEqualTo(302);
        assertThat(eventTypes(id)).containsExactly("CoLabelRequestedEvent", "CoLabelGrantedEvent");

        // the labels panel shows the pole's label; the pole's user sees no other project's page
        awaitProject(c.carrierUser(), c.projectId(), p -> p.toString().contains("Welcome in our aerospace portfolio."));
        assertThat(html(as(get(page), c.carrierUser(), Roles.CARRIER))).contains("Pôle Console Test", "Granted",
                "Welcome in our aerospace portfolio.");
        assertThat(html(as(get(page), pole[1], Roles.PARTNER_POLE))).contains("Welcome in our aerospace portfolio.")
                .doesNotContain("Ask a partner pole for its label");
        assertThat(as(get("/projects/" + elsewhere.projectId()), pole[1], Roles.PARTNER_POLE).getResponse().getStatus())
                .isEqualTo(404);
    }

    private MvcResult as(MockHttpServletRequestBuilder request, String userId, String group) throws Exception {
        return mvc.perform(request.with(user(userId).roles(group))).andReturn();
    }

    private static String html(MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getRequest().getRequestURI()).isEqualTo(200);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static MockHttpServletRequestBuilder get(String path) {
        return MockMvcRequestBuilders.get(path);
    }

    private static MockHttpServletRequestBuilder post(String path) {
        return MockMvcRequestBuilders.post(path).with(csrf());
    }
}
