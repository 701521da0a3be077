package org.tremplin.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/projects/{id}/tasks/{step}/complete}: a project's step completed by the caller without a task list
 * first. It completes exactly the task the caller would have completed by its id, or refuses (404 not the caller's,
 * 409 completed already or ambiguous, 400 bad input) storing nothing.
 */
class ProjectStepsTest extends ApiTestSupport {

    private ResponseEntity<Map<String, Object>> step(String user, String projectId, String step, Map<String, Object> values) {
        return post(user, "/api/projects/" + projectId + "/tasks/" + step + "/complete", values);
    }

    private void stepOk(String user, String projectId, String step, Map<String, Object> values) {
        ResponseEntity<Map<String, Object>> done = step(user, projectId, step, values);
        assertThat(done.getStatusCode().value()).as("%s as %s: %s", step, user, done.getBody()).isEqualTo(204);
    }

    @Test
    void a_whole_labelling_is_driven_by_project_and_step_each_completing_the_callers_own_task() {
        ApiConsortium c = consortiumThroughApi("Steps by name", "Steps Group SA");
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        String project = c.projectId();

        // the task the carrier's list shows is the one completed, and its id is told back
        Map<String, Object> listed = awaitTask(c.carrierUser(), project, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);
        ResponseEntity<Map<String, Object>> submitted = step(c.carrierUser(), project,
                ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM, Map.of("consortiumComplete", true));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(204);
        assertThat(submitted.getHeaders().getFirst("X-Task-Id")).isEqualTo(listed.get("id"));

        stepOk(STAFF, project, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS, Map.of("reviewers", reviewerA + "," + reviewerB,
                "reviewDeadline", LocalDate.now().plusDays(10).toString()));
        // two open reviews of one step: each reviewer's request finds the reviewer's own
        Map<String, Object> reviewOfB = awaitTask(reviewerB, project, LabellingProcess.Elements.USER_REVIEW_FILE);
        stepOk(reviewerA, project, LabellingProcess.Elements.USER_REVIEW_FILE,
                Map.of("score", 17, "recommendation", "GRANT", "conclusions", "Strong."));
        assertThat(getList(reviewerB, "/api/tasks?projectId=" + project).getBody()).extracting(task -> task.get("id"))
                .containsExactly(reviewOfB.get("id"));
        stepOk(reviewerB, project, LabellingProcess.Elements.USER_REVIEW_FILE,
                Map.of("score", 11, "recommendation", "GRANT", "conclusions", "Fair."));
        stepOk(STAFF, project, LabellingProcess.Elements.USER_DECIDE_LABEL, Map.of("granted", true, "reasons", "Balanced."));
        stepOk(STAFF, project, LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS, Map.of());

        awaitProject(STAFF, project, p -> "LABEL_GRANTED".equals(p.get("status")));
        assertThat(eventTypes(project)).containsSubsequence("ProjectSubmittedForLabellingEvent", "ReviewersAssignedEvent",
                "ReviewRecordedEvent", "ReviewRecordedEvent", "LabelGrantedEvent");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> reviews = (List<Map<String, Object>>) get(STAFF, "/api/projects/" + project).getBody().get("reviews");
        assertThat(reviews).extracting(review -> review.get("reviewerId") + ":" + review.get("score"))
                .containsExactlyInAnyOrder(reviewerA + ":17", reviewerB + ":11");
    }

    @Test
    void a_refused_step_says_why_and_stores_nothing() {
        ApiConsortium c = consortiumThroughApi("Steps refused", "Refusing Group SA");
        String reviewerA = newUser("reviewer", Roles.REVIEWER);
        String reviewerB = newUser("reviewer", Roles.REVIEWER);
        String outsider = newUser("outsider", Roles.CARRIER);
        String project = c.projectId();
        String consortium = ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM;
        awaitTask(c.carrierUser(), project, consortium);
        long events = storedEventCount();

        // not reached yet, somebody else's, a project that does not exist: 404, the same answer
        assertProblem(step(reviewerA, project, LabellingProcess.Elements.USER_REVIEW_FILE, Map.of()), 404, "No open task",
                "user_review_file", project);
        assertProblem(step(outsider, project, consortium, Map.of("consortiumComplete", true)), 404, "No open task");
        assertProblem(step(c.carrierUser(), "PRJ-NOSUCHPROJECT", consortium, Map.of("consortiumComplete", true)), 404,
                "No open task");
        // not an id: 400 before anything is looked up
        assertProblem(step(c.carrierUser(), "PRJ-1' OR '1'='1", consortium, Map.of()), 400, "projectId", "is not an id");
        assertProblem(step(c.carrierUser(), project, "user review", Map.of()), 400, "taskDefinitionKey", "is not an id");
        // the form's own validation, as by the task's id: the task stays open
        assertProblem(step(c.carrierUser(), project, consortium, Map.of("consortiumComplete", "yes")), 400, "true or false");
        assertProblem(step(c.carrierUser(), project, consortium, Map.of("unknownField", 1)), 400, "Unknown field");
        assertThat(storedEventCount()).isEqualTo(events);
        assertThat(awaitTask(c.carrierUser(), project, consortium)).isNotNull();

        stepOk(c.carrierUser(), project, consortium, Map.of("consortiumComplete", true));
        long afterSubmission = storedEventCount();
        // the same step again: it was the carrier's and is done; no second submission
        assertProblem(step(c.carrierUser(), project, consortium, Map.of("consortiumComplete", true)), 409, "completed already",
                "nothing of your request was stored");
        // the outsider never had it: still 404, nothing told about the project
        assertProblem(step(outsider, project, consortium, Map.of("consortiumComplete", true)), 404, "No open task");

        stepOk(STAFF, project, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS, Map.of("reviewers", reviewerA + "," + reviewerB,
                "reviewDeadline", LocalDate.now().plusDays(10).toString()));
        String reviewOfA = (String) awaitTask(reviewerA, project, LabellingProcess.Elements.USER_REVIEW_FILE).get("id");
        String reviewOfB = (String) awaitTask(reviewerB, project, LabellingProcess.Elements.USER_REVIEW_FILE).get("id");
        long beforeAmbiguous = storedEventCount();
        // pole staff may complete any task, and two reviews are open: which one is not guessed
        assertProblem(step(STAFF, project, LabellingProcess.Elements.USER_REVIEW_FILE,
                Map.of("score", 10, "recommendation", "GRANT", "conclusions", "Staff.")), 409, "Several open tasks", reviewOfA, reviewOfB,
                "by its id");
        // the two reviews are tasks of one definition: the second is checked by the form kept from the first, the same
        // way (an enum's values in the model's order, a required field, a rule of the model checked by the engine)
        for (String reviewer : List.of(reviewerA, reviewerB)) {
            assertProblem(step(reviewer, project, LabellingProcess.Elements.USER_REVIEW_FILE,
                    Map.of("score", 10, "recommendation", "MAYBE", "conclusions", "Unsure.")), 400,
                    "recommendation must be one of [GRANT, REFUSE]");
            assertProblem(step(reviewer, project, LabellingProcess.Elements.USER_REVIEW_FILE,
                    Map.of("recommendation", "GRANT", "conclusions", "No score.")), 400, "score is required");
            assertProblem(step(reviewer, project, LabellingProcess.Elements.USER_REVIEW_FILE,
                    Map.of("score", 21, "recommendation", "GRANT", "conclusions", "Too high.")), 400, "score");
        }
        assertThat(storedEventCount()).isEqualTo(beforeAmbiguous);
        assertThat(eventTypes(project)).filteredOn("ProjectSubmittedForLabellingEvent"::equals).hasSize(1);
        assertThat(afterSubmission).isLessThan(beforeAmbiguous);
    }
}
