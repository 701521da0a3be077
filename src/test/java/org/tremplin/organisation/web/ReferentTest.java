package org.tremplin.organisation.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.tremplin.organisation.api.SmeReferentAssignedEvent;
import org.tremplin.shared.Roles;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The SME referent through the API, on H2; and the console page where pole staff name it. */
class ReferentTest extends ReferentScenarios {

    @Test
    void pole_staff_name_a_referent_on_the_console_page_and_refusals_show_by_the_sme() throws Exception {
        String carrierUser = newUser("carrier", Roles.CARRIER);
        String sme = newOrganisation("Console Referent SME", "SME", carrierUser);
        String paul = newUser("paul", Roles.POLE_STAFF);

        String page = page("/referents", STAFF, Roles.POLE_STAFF).andReturn().getResponse()
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
        assertThat(page("/referents", STAFF, Roles.POLE_STAFF).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("<td>" + paul + "</td>");
    }
}
