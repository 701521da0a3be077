package org.tremplin.platform.web.console;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who reaches which home of the console: each role its own; the others answer 404, exactly as a missing page;
 * nobody signed out gets past the sign-in page; auditors change nothing outside the audit tools.
 */
class ConsoleAccessTest extends ConsolePageTestSupport {

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
            // role,        page,                 status
            "pole-staff,    /staff,               200",
            "pole-staff,    /projects,            200",
            "pole-staff,    /funding/lead-times,  200",
            "pole-staff,    /tasks,               200",
            "pole-staff,    /audit,               200",
            "pole-staff,    /carrier,             404",
            "pole-staff,    /funder,              404",
            "pole-staff,    /investor,            404",
            "carrier,       /carrier,             200",
            "carrier,       /tasks,               200",
            "carrier,       /staff,               404",
            "carrier,       /funding/lead-times,  404",
            "carrier,       /funder,              404",
            "carrier,       /funder/ledger,       404",
            "carrier,       /investor,            404",
            "carrier,       /audit,               404",
            "carrier,       /audit/seals,         404",
            "carrier,       /audit/access-log,    404",
            "carrier,       /audit/replay,        404",
            "reviewer,      /reviews,             200",
            "reviewer,      /staff,               404",
            "reviewer,      /carrier,             404",
            "reviewer,      /audit,               404",
            "funder,        /funder,              200",
            "funder,        /funder/ledger,       200",
            "funder,        /staff,               404",
            "funder,        /funding/lead-times,  404",
            "funder,        /carrier,             404",
            "funder,        /audit,               404",
            "investor,      /investor,            200",
            "investor,      /staff,               404",
            "investor,      /funder,              404",
            "investor,      /carrier,             404",
            "investor,      /audit/access-log,    404",
            "auditor,       /audit,               200",
            "auditor,       /audit/seals,         200",
            "auditor,       /audit/access-log,    200",
            "auditor,       /audit/exports,       200",
            "auditor,       /audit/replay,        200",
            "auditor,       /staff,               404",
            "auditor,       /funder,              404",
            "auditor,       /investor,            404",
            "auditor,       /carrier,             404",
    })
    void each_role_reaches_its_own_pages_and_the_others_answer_as_missing(String role, String page, int expected)
            throws Exception {
        String userId = newUser(role.replace("-", ""), role);
        int status = page(page, userId, role).andReturn().getResponse().getStatus();
        assertThat(status).as("%s as %s", page, role).isEqualTo(expected);
    }

    @Test
    void a_task_is_named_and_explained_in_the_readers_language() throws Exception {
        ApiConsortium consortium = consortiumThroughApi("Lidar bilingue", "Grand Groupe Bilingue");
        Object taskId = awaitTask(consortium.carrierUser(), consortium.projectId(), "user_build_consortium").get("id");
        String french = mvc.perform(as(MockMvcRequestBuilders.get("/tasks/" + taskId), consortium.carrierUser(), Roles.CARRIER)
                .header("Accept-Language", "fr")).andReturn().getResponse().getContentAsString();
        assertThat(french).contains("Constituer le consortium de Lidar bilingue et le soumettre à la labellisation")
                .contains("la règle de composition est alors vérifiée");
        String english = mvc.perform(as(MockMvcRequestBuilders.get("/tasks?projectId=" + consortium.projectId()),
                consortium.carrierUser(), Roles.CARRIER).header("Accept-Language", "en")).andReturn().getResponse()
                .getContentAsString();
        assertThat(english).contains("Build the consortium of Lidar bilingue and submit it for labelling");
    }

    @Test
    void a_long_task_list_comes_in_pages_and_a_home_panel_shows_the_oldest_with_a_link_to_all() throws Exception {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 6);
        String reviewer = "pager-" + suffix;
        String key = "console_pages_" + suffix;
        // a group of its own: the tasks other tests offer to a shared group (reviewers) would join the list
        String group = "pager-group-" + suffix;
        processEngine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn",
                org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
                        .userTask("console_page_step").name("Page step").camundaAssignee(reviewer).endEvent().done())
                .deploy();
        for (int i = 0; i < 53; i++) {
            processEngine.getRuntimeService().startProcessInstanceByKey(key, String.format("PRJ-PG%02d-%s", i, suffix));
        }
        String first = page("/tasks", reviewer, group).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(first).contains("Page 1 of 2 (53 tasks)").contains("PRJ-PG00-" + suffix).contains("PRJ-PG49-" + suffix)
                .doesNotContain("PRJ-PG50-" + suffix).contains("href=\"/tasks?page=2\"");
        String second = page("/tasks?page=2", reviewer, group).andReturn().getResponse().getContentAsString();
        assertThat(second).contains("Page 2 of 2 (53 tasks)").contains("PRJ-PG52-" + suffix).doesNotContain("PRJ-PG49-" + suffix);
        // a page past the last, or not a number, shows the last or the first
        assertThat(page("/tasks?page=9", reviewer, group).andReturn().getResponse().getContentAsString())
                .contains("Page 2 of 2 (53 tasks)");
        assertThat(page("/tasks?page=x", reviewer, group).andReturn().getResponse().getContentAsString())
                .contains("Page 1 of 2 (53 tasks)");
        String panel = page("/tasks/panel", reviewer, group).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(panel).contains("PRJ-PG19-" + suffix).doesNotContain("PRJ-PG20-" + suffix)
                .contains("The oldest 20 of your 53 tasks: see them all").contains("href=\"/tasks\"");
        String onePanel = page("/tasks/panel?projectId=PRJ-PG07-" + suffix, reviewer, group).andReturn()
                .getResponse().getContentAsString();
        assertThat(onePanel).contains("PRJ-PG07-" + suffix).doesNotContain("see them all");
    }

    @Test
    void each_role_lands_on_its_home() throws Exception {
        page("/", "a.staff", Roles.POLE_STAFF).andExpect(redirectedUrl("/staff"));
        page("/", "a.carrier", Roles.CARRIER).andExpect(redirectedUrl("/carrier"));
        page("/", "a.reviewer", Roles.REVIEWER).andExpect(redirectedUrl("/reviews"));
        page("/", "a.funder", Roles.FUNDER).andExpect(redirectedUrl("/funder"));
        page("/", "an.investor", Roles.INVESTOR).andExpect(redirectedUrl("/investor"));
        page("/", "an.auditor", Roles.AUDITOR).andExpect(redirectedUrl("/audit"));
    }

    @Test
    void nobody_signed_out_gets_past_the_sign_in_page() throws Exception {
        for (String page : new String[] {"/", "/staff", "/tasks", "/projects", "/funder", "/audit", "/investor"}) {
            mvc.perform(MockMvcRequestBuilders.get(page)).andExpect(status().isFound()).andExpect(redirectedUrlPattern("**/login"));
        }
        mvc.perform(MockMvcRequestBuilders.get("/login")).andExpect(status().isOk());
    }

    @Test
    void an_auditor_changes_nothing_and_a_form_without_its_token_is_refused() throws Exception {
        mvc.perform(MockMvcRequestBuilders.post("/tasks/any-task").with(csrf()).with(user("an.auditor").roles(Roles.AUDITOR)))
                .andExpect(status().isNotFound());
        mvc.perform(MockMvcRequestBuilders.post("/tasks/any-task").with(user("a.staff").roles(Roles.POLE_STAFF)))
                .andExpect(status().isForbidden());
    }
}
