package org.tremplin.audit.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.tremplin.project.api.FindProjectsQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' project lists (the audit home's and the exports') read one page of 50 at a time, newest first. A class
 * of its own: it creates enough projects for a second page, which would push the projects other audit page tests
 * look for off the first one.
 */
class AuditProjectPagesTest extends ConsolePageTestSupport {

    @Autowired
    private QueryGateway queries;

    @Test
    void the_audit_home_and_the_exports_list_the_projects_fifty_a_page_newest_first() throws Exception {
        List<ProjectView> all = allProjects();
        if (all.size() <= AuditPages.PAGE_SIZE) {
            // enough projects for a second page
            String carrier = newUser("carrier", Roles.CARRIER);
            String org = newOrganisation("Audit pages SME", "SME", carrier);
            for (int i = all.size(); i <= AuditPages.PAGE_SIZE; i++) {
                assertThat(post(carrier, "/api/projects", Map.of("title", "Audit page project " + i, "summary",
                        "Listed on the audit pages.", "thematicAxis", "Mobility", "confidentiality", "RESTRICTED",
                        "carrierOrganisationId", org, "plannedBudget", 1000)).getStatusCode().value()).isEqualTo(201);
            }
            all = allProjects();
        }
        int pages = (all.size() + AuditPages.PAGE_SIZE - 1) / AuditPages.PAGE_SIZE;
        for (String base : List.of("/audit", "/audit/exports")) {
            for (int page = 1; page <= 2; page++) {
                String html = html(base + "?page=" + page, AUDITOR, Roles.AUDITOR);
                List<String> shown = new ArrayList<>();
                Matcher link = Pattern.compile("<th scope=\"row\"><a href=\"/audit/projects/([^\"/]+)\"").matcher(html);
                while (link.find()) {
                    shown.add(link.group(1));
                }
                assertThat(shown).as("%s page %d", base, page).containsExactlyElementsOf(all.subList(
                        (page - 1) * AuditPages.PAGE_SIZE, Math.min(all.size(), page * AuditPages.PAGE_SIZE))
                        .stream().map(ProjectView::id).toList());
                assertThat(html).contains("Page " + page + " of " + pages + " ("
                        + java.text.NumberFormat.getIntegerInstance(Locale.ENGLISH).format(all.size()) + " projects)");
            }
            // a page past the last, or not a number: the last page, the first
            assertThat(html(base + "?page=" + (pages + 5), AUDITOR, Roles.AUDITOR)).contains("Page " + pages + " of " + pages);
            assertThat(html(base + "?page=first", AUDITOR, Roles.AUDITOR)).contains("Page 1 of " + pages);
            assertThat(html(base + "?page=" + Integer.MAX_VALUE, AUDITOR, Roles.AUDITOR)).contains("Page " + pages + " of " + pages);
        }
        // the picker offers the page's projects
        assertThat(html("/audit", AUDITOR, Roles.AUDITOR)).contains("<option value=\"" + all.get(0).id() + "\">")
                .doesNotContain("<option value=\"" + all.get(AuditPages.PAGE_SIZE).id() + "\">");
    }

    private List<ProjectView> allProjects() {
        return queries.query(new FindProjectsQuery(), ResponseTypes.multipleInstancesOf(ProjectView.class)).join();
    }

    private String html(String path, String user, String... groups) throws Exception {
        MockHttpServletResponse response = page(path, user, groups).andReturn().getResponse();
        assertThat(response.getStatus()).as("%s: %s", path, response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }
}
