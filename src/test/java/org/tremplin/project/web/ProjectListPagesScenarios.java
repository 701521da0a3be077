package org.tremplin.project.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.api.CountProjectsByStatusQuery;
import org.tremplin.project.api.FindProjectsPageQuery;
import org.tremplin.project.api.FindProjectsQuery;
import org.tremplin.project.api.ProjectCounts;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.ProjectsPage;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project list read one page at a time: every page, at every stage, is the slice of the whole list (newest
 * first) that it names, the counts are the whole list's, pole staff and auditors page through every project, and any
 * other caller through its own visible list only. The reviewers offered to staff are read from the reviews alone.
 */
@SuppressWarnings("unchecked")
abstract class ProjectListPagesScenarios extends ApiTestSupport {

    @Autowired
    private QueryGateway queries;

    private String submitIdea(String carrierUser, String carrierOrg, String title, String confidentiality) {
        ResponseEntity<Map<String, Object>> submitted = post(carrierUser, "/api/projects", Map.of(
                "title", title, "summary", "A project of the list's pages.", "thematicAxis", "Mobility",
                "confidentiality", confidentiality, "carrierOrganisationId", carrierOrg, "plannedBudget", 100000));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        return (String) submitted.getBody().get("id");
    }

    @Test
    void every_page_of_the_projects_at_every_stage_is_the_slice_of_the_whole_list_it_names() {
        String carrier = newUser("carrier", Roles.CARRIER);
        String org = newOrganisation("Pages SME", "SME", carrier);
        for (int i = 0; i < 7; i++) {
            submitIdea(carrier, org, "Paged project " + i, i % 2 == 0 ? "PUBLIC" : "RESTRICTED");
        }
        consortiumThroughApi("Paged consortium project", "Grand Groupe SA");  // another stage than IDEA

        List<ProjectView> all = queries.query(new FindProjectsQuery(), ResponseTypes.multipleInstancesOf(ProjectView.class)).join();
        assertThat(all.size()).isGreaterThanOrEqualTo(8);
        List<ProjectStatus> stages = new ArrayList<>();
        stages.add(null);
        stages.addAll(List.of(ProjectStatus.values()));
        for (ProjectStatus stage : stages) {
            List<ProjectView> expected = all.stream().filter(p -> stage == null || p.status() == stage).toList();
            for (int size : new int[] {1, 3, 50}) {
                List<ProjectView> pagedThrough = new ArrayList<>();
                for (int offset = 0; offset < expected.size() + size; offset += size) {
                    ProjectsPage page = queries.query(new FindProjectsPageQuery(stage, offset, size), ProjectsPage.class).join();
                    assertThat(page.total()).as("stage %s", stage).isEqualTo(expected.size());
                    assertThat(page.projects().size()).isLessThanOrEqualTo(size);
                    pagedThrough.addAll(page.projects());
                }
                assertThat(pagedThrough).as("stage %s, pages of %d", stage, size).isEqualTo(expected);
            }
        }

        Map<ProjectStatus, Long> counted = new EnumMap<>(ProjectStatus.class);
        all.forEach(p -> counted.merge(p.status(), 1L, Long::sum));
        ProjectCounts counts = queries.query(new CountProjectsByStatusQuery(), ProjectCounts.class).join();
        assertThat(counts.byStatus()).isEqualTo(counted);
        assertThat(counts.total()).isEqualTo(all.size());
    }

    @Test
    void staff_and_auditors_page_through_every_project_and_a_carrier_through_its_own_visible_list() {
        String carrier = newUser("carrier", Roles.CARRIER);
        String org = newOrganisation("Pages carrier SME", "SME", carrier);
        String outsider = newUser("carrier", Roles.CARRIER);
        String outsiderOrg = newOrganisation("Pages outsider SME", "SME", outsider);
        for (int i = 0; i < 4; i++) {
            submitIdea(carrier, org, "Carrier's project " + i, "RESTRICTED");
        }
        submitIdea(outsider, outsiderOrg, "Outsider's restricted project", "RESTRICTED");

        for (String user : List.of(STAFF, AUDITOR, carrier, outsider)) {
            List<String> whole = ids(getList(user, "/api/projects").getBody());
            // pages of 2 for the carriers; of 7 for staff and auditors, who see every project of the shared context
            int size = user.equals(STAFF) || user.equals(AUDITOR) ? 7 : 2;
            List<String> pagedThrough = new ArrayList<>();
            for (int page = 1; page <= whole.size() / size + 2; page++) {
                ResponseEntity<List<Map<String, Object>>> answer = getList(user, "/api/projects?page=" + page + "&size=" + size);
                assertThat(answer.getStatusCode().value()).isEqualTo(200);
                assertThat(answer.getHeaders().getFirst("X-Total-Count")).as(user).isEqualTo(String.valueOf(whole.size()));
                pagedThrough.addAll(ids(answer.getBody()));
            }
            assertThat(pagedThrough).as("%s pages through its whole list", user).isEqualTo(whole);
        }
        // the carrier's own four are there, the outsider's restricted one is not; the staff see both
        List<String> carriers = ids(getList(carrier, "/api/projects?page=1&size=500").getBody());
        List<String> staffs = ids(getList(STAFF, "/api/projects?page=1&size=500").getBody());
        assertThat(carriers).hasSizeGreaterThanOrEqualTo(4).isSubsetOf(staffs);
        assertThat(getList(outsider, "/api/projects").getBody()).extracting(p -> p.get("title"))
                .doesNotContain("Carrier's project 0");
        // a page without a size holds 50, and a page past the last is empty, with the total still given
        ResponseEntity<List<Map<String, Object>>> first = getList(STAFF, "/api/projects?page=1");
        assertThat(first.getBody()).hasSize((int) Math.min(50, staffs.size()));
        ResponseEntity<List<Map<String, Object>>> beyond = getList(STAFF, "/api/projects?page=100000&size=500");
        assertThat(beyond.getBody()).isEmpty();
        assertThat(beyond.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(staffs.size()));
        // the last page there is: its offset (about 10^12) is past any int, for staff and for a carrier alike
        for (String user : List.of(STAFF, carrier)) {
            ResponseEntity<List<Map<String, Object>>> farthest = getList(user, "/api/projects?page=" + Integer.MAX_VALUE + "&size=500");
            assertThat(farthest.getStatusCode().value()).as(user).isEqualTo(200);
            assertThat(farthest.getBody()).isEmpty();
            assertThat(farthest.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(
                    user.equals(STAFF) ? staffs.size() : ids(getList(carrier, "/api/projects").getBody()).size()));
        }
    }

    @Test
    void every_caller_pages_through_exactly_what_the_access_rules_let_it_see_whatever_its_relation_to_each_project() {
        String carrier = newUser("carrier", Roles.CARRIER);
        String carrierOrg = newOrganisation("Visible carrier SME", "SME", carrier);
        String partner = newUser("partner", Roles.CARRIER);
        String partnerOrg = newOrganisation("Visible partner lab", "RESEARCH_LAB", partner);
        String decliner = newUser("decliner", Roles.CARRIER);
        String declinerOrg = newOrganisation("Visible decliner SA", "LARGE_COMPANY", decliner);
        Map<String, String> byLevel = new java.util.LinkedHashMap<>();
        for (String level : List.of("PUBLIC", "MEMBERS", "CONSORTIUM", "RESTRICTED")) {
            byLevel.put(level, submitIdea(carrier, carrierOrg, "Visible " + level.toLowerCase(java.util.Locale.ROOT), level));
        }
        String restrictedSigned = submitIdea(carrier, carrierOrg, "Visible restricted, NDA signed", "RESTRICTED");
        for (String level : byLevel.keySet()) {
            awaitProject(carrier, byLevel.get(level), p -> "CONSORTIUM_BUILDING".equals(p.get("status")));
        }
        awaitProject(carrier, restrictedSigned, p -> "CONSORTIUM_BUILDING".equals(p.get("status")));
        // the lab is invited everywhere, under NDA on one restricted project only; the large company declines one
        for (String projectId : List.of(byLevel.get("CONSORTIUM"), byLevel.get("RESTRICTED"), restrictedSigned)) {
            assertThat(post(carrier, "/api/projects/" + projectId + "/invitations", Map.of("organisationId", partnerOrg))
                    .getStatusCode().value()).isEqualTo(200);
        }
        assertThat(post(carrier, "/api/projects/" + byLevel.get("CONSORTIUM") + "/invitations",
                Map.of("organisationId", declinerOrg)).getStatusCode().value()).isEqualTo(200);
        awaitProject(STAFF, byLevel.get("CONSORTIUM"), p -> ((List<?>) p.get("partners")).size() == 3);
        awaitProject(STAFF, restrictedSigned, p -> ((List<?>) p.get("partners")).size() == 2);
        joinWithNda(partner, restrictedSigned, partnerOrg, "Optics", 1000);
        assertThat(post(decliner, "/api/projects/" + byLevel.get("CONSORTIUM") + "/partners/" + declinerOrg + "/decline",
                Map.of("reason", "Not our market")).getStatusCode().value()).isEqualTo(200);
        awaitProject(STAFF, byLevel.get("CONSORTIUM"), p -> ((List<Map<String, Object>>) p.get("partners")).stream()
                .anyMatch(row -> "DECLINED".equals(row.get("status"))));
        awaitProject(partner, restrictedSigned, p -> "FILE".equals(p.get("access")));
        ApiConsortium reviewed = labelledThroughApi("Visible to its reviewers", "Grand Groupe SA");
        String reviewer = ((List<Map<String, Object>>) get(STAFF, "/api/projects/" + reviewed.projectId()).getBody()
                .get("reviews")).get(0).get("reviewerId").toString();
        String funder = newUser("funder", Roles.FUNDER);                 // acts for no organisation
        String partnerPole = newUser("pole", Roles.PARTNER_POLE);        // asked nothing

        for (String user : List.of(carrier, partner, decliner, reviewer, funder, partnerPole, reviewed.labUser())) {
            List<String> whole = ids(getList(user, "/api/projects").getBody());
            for (int size : new int[] {1, 4}) {
                List<String> pagedThrough = new ArrayList<>();
                for (int page = 1; page <= whole.size() / size + 2; page++) {
                    ResponseEntity<List<Map<String, Object>>> answer = getList(user, "/api/projects?page=" + page + "&size=" + size);
                    assertThat(answer.getHeaders().getFirst("X-Total-Count")).as(user).isEqualTo(String.valueOf(whole.size()));
                    pagedThrough.addAll(ids(answer.getBody()));
                }
                assertThat(pagedThrough).as("%s in pages of %d", user, size).isEqualTo(whole);
            }
        }
        // what each saw, by the rules: the test would pass on two empty lists otherwise
        assertThat(ids(getList(partner, "/api/projects").getBody())).contains(byLevel.get("PUBLIC"), byLevel.get("MEMBERS"),
                byLevel.get("CONSORTIUM"), restrictedSigned).doesNotContain(byLevel.get("RESTRICTED"));
        assertThat(ids(getList(decliner, "/api/projects").getBody())).contains(byLevel.get("MEMBERS"))
                .doesNotContain(byLevel.get("CONSORTIUM"), byLevel.get("RESTRICTED"));
        assertThat(ids(getList(carrier, "/api/projects").getBody())).containsAll(byLevel.values()).contains(restrictedSigned);
        assertThat(ids(getList(funder, "/api/projects").getBody())).contains(byLevel.get("PUBLIC"))
                .doesNotContain(byLevel.get("MEMBERS"), byLevel.get("CONSORTIUM"));
        assertThat(ids(getList(reviewer, "/api/projects").getBody())).contains(reviewed.projectId(), byLevel.get("PUBLIC"));
        assertThat(getList(partnerPole, "/api/projects").getBody()).isEmpty();
    }

    @Test
    void the_reviewers_offered_to_staff_are_every_reviewer_of_every_project_read_from_the_reviews_alone() {
        labelledThroughApi("Reviewed for the known reviewers", "Grand Groupe SA");
        java.util.TreeSet<String> expected = new java.util.TreeSet<>();
        queries.query(new FindProjectsQuery(), ResponseTypes.multipleInstancesOf(ProjectView.class)).join()
                .forEach(p -> p.reviews().forEach(r -> expected.add(r.reviewerId())));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
        assertThat(queries.query(new org.tremplin.project.api.FindKnownReviewersQuery(),
                ResponseTypes.multipleInstancesOf(String.class)).join()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void a_page_or_size_out_of_range_or_not_a_number_is_a_problem_naming_the_parameter() {
        long before = storedEventCount();
        assertProblem(get(STAFF, "/api/projects?page=0"), 400, "page");
        assertProblem(get(STAFF, "/api/projects?page=-3&size=2"), 400, "page");
        assertProblem(get(STAFF, "/api/projects?page=1&size=0"), 400, "size");
        assertProblem(get(STAFF, "/api/projects?size=501"), 400, "size", "500");
        assertProblem(get(AUDITOR, "/api/projects?page=two"), 400, "page", "whole number");
        assertProblem(get(STAFF, "/api/projects?page=99999999999999"), 400, "page", "between 1 and");
        assertProblem(get(STAFF, "/api/projects?page=1&page=2"), 400, "page");
        assertThat(storedEventCount()).isEqualTo(before);
    }

    private static List<String> ids(List<Map<String, Object>> projects) {
        return projects.stream().map(p -> (String) p.get("id")).collect(Collectors.toList());
    }
}
