package org.tremplin.organisation.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.tremplin.organisation.api.SmeReferentAssignedEvent;
import org.tremplin.shared.Roles;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SME referent through the API, on H2; and the console page where pole staff name it. */
class ReferentTest extends ReferentScenarios {

    @Test
    void pole_staff_name_a_referent_on_the_console_page_and_refusals_show_by_the_sme() throws Exception {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String sme = newOrganisation("Console Referent SME", "SME", carrierUser);
        String paul = newUser("paul", Roles.POLE_STAFF);

        String page = page("/referents?q=Console Referent SME", STAFF, Roles.POLE_STAFF).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Console Referent SME", "action=\"/referents/" + sme + "\"", "value=\"" + paul + "\"")
                .doesNotContain("value=\"" + carrierUser + "\"");
        assertThat(page("/staff", STAFF, Roles.POLE_STAFF).andReturn().getResponse().getContentAsString())
                .contains("href=\"/referents\"");
        assertThat(page("/referents", carrierUser, Roles.CARRIER).andReturn().getResponse().getStatus()).isEqualTo(404);

        MockHttpServletResponse refused = submit(MockMvcRequestBuilders.post("/referents/" + sme)
                .param("referentUserId", carrierUser), STAFF, Roles.POLE_STAFF).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains(carrierUser + " is not in pole staff");
        MockHttpServletResponse none = submit(MockMvcRequestBuilders.post("/referents/" + sme)
                .param("referentUserId", ""), STAFF, Roles.POLE_STAFF).andReturn().getResponse();
        assertThat(none.getStatus()).isEqualTo(400);
        assertThat(referentEvents(sme)).isEmpty();

        MockHttpServletResponse named = submit(MockMvcRequestBuilders.post("/referents/" + sme)
                .param("referentUserId", paul), STAFF, Roles.POLE_STAFF).andReturn().getResponse();
        assertThat(named.getStatus()).isEqualTo(302);
        assertThat(referentEvents(sme)).containsExactly(new SmeReferentAssignedEvent(sme, paul, null));
        assertThat(page("/referents?q=console referent", STAFF, Roles.POLE_STAFF).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("<td>" + paul + "</td>");
    }

    @Test
    void the_referents_page_lists_fifty_smes_a_page_found_by_name_or_without_a_referent() throws Exception {
        String tag = "Paged SME " + java.util.UUID.randomUUID().toString().substring(0, 6);
        String carrierUser = newUser("carrier", Roles.CARRIER);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < SmeReferentPages.PAGE_SIZE + 1; i++) {
            ids.add(newOrganisation(tag + String.format(" %02d", i), "SME", carrierUser));
        }
        String q = tag;

        String first = html("/referents?q=" + q);
        assertThat(first).contains((SmeReferentPages.PAGE_SIZE + 1) + " of ").contains("Page 1 of 2").contains(tag + " 00")
                .doesNotContain(tag + " " + SmeReferentPages.PAGE_SIZE).contains("rel=\"next\"");
        assertThat(rows(first)).isEqualTo(SmeReferentPages.PAGE_SIZE);
        String second = html("/referents?q=" + q + "&page=2");
        assertThat(second).contains(tag + " " + SmeReferentPages.PAGE_SIZE).contains("Page 2 of 2").contains("rel=\"prev\"");
        assertThat(rows(second)).isEqualTo(1);
        // a page past the end shows the last one
        assertThat(html("/referents?q=" + q + "&page=9")).contains("Page 2 of 2");

        // named from page 2 with its filter: back on that page; the SME leaves the "without a referent" list
        String paul = newUser("paul", Roles.POLE_STAFF);
        MockHttpServletResponse named = submit(MockMvcRequestBuilders.post("/referents/" + ids.get(SmeReferentPages.PAGE_SIZE))
                .param("referentUserId", paul).param("q", tag).param("page", "2"), STAFF, Roles.POLE_STAFF)
                .andReturn().getResponse();
        assertThat(named.getStatus()).isEqualTo(302);
        assertThat(named.getRedirectedUrl()).isEqualTo("/referents?q=" + q.replace(" ", "%20") + "&page=2");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(html("/referents?q=" + q + "&unassigned=true")).contains(SmeReferentPages.PAGE_SIZE + " of ")
                        .doesNotContain(tag + " " + SmeReferentPages.PAGE_SIZE).doesNotContain("Page 1 of 2"));
        assertThat(html("/referents?q=nothing like this " + q)).contains("No SME member matches.");

        // malformed filters: 400, nothing shown
        assertThat(page("/referents?page=0", STAFF, Roles.POLE_STAFF).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(page("/referents?page=two", STAFF, Roles.POLE_STAFF).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(page("/referents?q=" + "x".repeat(101), STAFF, Roles.POLE_STAFF).andReturn().getResponse().getStatus())
                .isEqualTo(400);
    }

    private String html(String path) throws Exception {
        MockHttpServletResponse response = page(path, STAFF, Roles.POLE_STAFF).andReturn().getResponse();
        assertThat(response.getStatus()).as("%s", path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static long rows(String html) {
        return java.util.regex.Pattern.compile("<th scope=\"row\">").matcher(html).results().count();
    }
}
