package org.tremplin.platform.web;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write endpoint refuses malformed and invalid requests with a problem+json that tells what to fix,
 * and stores nothing: no event, no process instance, no change to the open tasks or the read models.
 * <p>
 * The fixtures are built once (per class instance); every row is refused, so they stay as built.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends ApiTestSupport {

    /** Marks a key to remove from a valid body. */
    private static final Object ABSENT = new Object();

    // users
    private String carrierUser;
    private String partnerUser;
    private String labUser;
    private String outsiderUser;
    private String lonelyUser;
    private String reviewerA;
    private String reviewerB;
    private String reviewerC;
    private String conflictedReviewer;
    // organisations
    private String carrierOrg;
    private String partnerOrg;
    private String labOrg;
    private String outsiderOrg;
    private String registeredSiren;
    // projects and tasks
    private String buildingProject;
    private String buildTaskId;
    private String abandonedProject;
    private String awaitingReviewersProject;
    private String assignTaskId;
    private String underReviewProject;
    private String reviewTaskA;
    private String reviewTaskB;
    // investment rounds
    private String investorUser;
    private String uninvitedInvestorUser;
    private String investorId;
    private String roundId;

    /** Who calls, how, with what. A null contentType means application/json. */
    record Call(String user, HttpMethod method, String path, Object body, MediaType contentType) {
    }

    /** One refused request; the call is built when the row runs, from the fixtures. */
    record Row(String name, Supplier<Call> call, int status, String keyword) {
        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    record Snapshot(long events, long processInstances, List<String> openTasks, Map<String, Long> readModels) {
    }

    @BeforeAll
    void fixtures() {
        identity.ensureUser(STAFF, "Staff", "One", PASSWORD, List.of(Roles.POLE_STAFF));
        identity.ensureUser(AUDITOR, "Auditor", "One", PASSWORD, List.of(Roles.AUDITOR));
        carrierUser = newUser("carrier", Roles.CARRIER);
        partnerUser = newUser("partner", Roles.CARRIER);
        labUser = newUser("lab", Roles.CARRIER);
        outsiderUser = newUser("outsider", Roles.CARRIER);
        lonelyUser = newUser("lonely", Roles.CARRIER);
        reviewerA = newUser("reviewer", Roles.REVIEWER);
        reviewerB = newUser("reviewer", Roles.REVIEWER);
        reviewerC = newUser("reviewer", Roles.REVIEWER);
        conflictedReviewer = newUser("conflicted", Roles.REVIEWER);

        carrierOrg = newOrganisation("Bad Input SME", "SME", carrierUser);
        partnerOrg = newOrganisation("Bad Input Large Company", "LARGE_COMPANY", partnerUser);
        labOrg = newOrganisation("Bad Input Lab", "RESEARCH_LAB", labUser);
        outsiderOrg = newOrganisation("Bad Input Outsider", "MID_SIZE_COMPANY", outsiderUser);
        assertStatus(post(STAFF, "/api/organisations/" + partnerOrg + "/members", Map.of("userId", conflictedReviewer)), 200);

        registeredSiren = validSiren();
        ResponseEntity<Map<String, Object>> siren = post(STAFF, "/api/organisations", organisation(
                "nationalIdScheme", "SIREN", "nationalId", registeredSiren));
        assertStatus(siren, 201);

        // A project building its consortium: the large company invited, not joined.
        buildingProject = submit("CONSORTIUM");
        assertStatus(post(carrierUser, "/api/projects/" + buildingProject + "/invitations", Map.of("organisationId", partnerOrg)), 200);
        awaitProject(carrierUser, buildingProject, p -> ((List<?>) p.get("partners")).size() == 2);
        buildTaskId = (String) awaitTask(carrierUser, buildingProject, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM).get("id");

        // An abandoned project, with the large company invited before the end.
        abandonedProject = submit("PUBLIC");
        assertStatus(post(carrierUser, "/api/projects/" + abandonedProject + "/invitations", Map.of("organisationId", partnerOrg)), 200);
        awaitProject(carrierUser, abandonedProject, p -> ((List<?>) p.get("partners")).size() == 2);
        assertStatus(post(carrierUser, "/api/projects/" + abandonedProject + "/abandon", Map.of("reason", "Funding found elsewhere")), 200);
        awaitProject(carrierUser, abandonedProject, p -> "ABANDONED".equals(p.get("status")));

        // A project waiting for its reviewers, and one under review by reviewers A and B.
        awaitingReviewersProject = submittedForLabelling();
        assignTaskId = (String) awaitTask(STAFF, awaitingReviewersProject, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS).get("id");

        underReviewProject = submittedForLabelling();
        assertStatus(complete(STAFF, awaitTask(STAFF, underReviewProject, LabellingProcess.Elements.USER_ASSIGN_REVIEWERS),
                Map.of("reviewers", reviewerA + "," + reviewerB, "reviewDeadline", inDays(10))), 204);
        awaitProject(STAFF, underReviewProject, p -> "UNDER_REVIEW".equals(p.get("status")));
        reviewTaskA = (String) awaitTask(reviewerA, underReviewProject, LabellingProcess.Elements.USER_REVIEW_FILE).get("id");
        reviewTaskB = (String) awaitTask(reviewerB, underReviewProject, LabellingProcess.Elements.USER_REVIEW_FILE).get("id");
        // Reviewer A is offered B's task as a candidate, but the task stays assigned to B.
        processEngine.getTaskService().addCandidateUser(reviewTaskB, reviewerA);

        // An open round of a member company with one invited investor under NDA, and an investor not invited.
        investorUser = newUser("investor", Roles.INVESTOR);
        uninvitedInvestorUser = newUser("investor", Roles.INVESTOR);
        investorId = investor(investorUser);
        investor(uninvitedInvestorUser);
        ResponseEntity<Map<String, Object>> opened = post(STAFF, "/api/rounds", round());
        assertStatus(opened, 201);
        roundId = (String) opened.getBody().get("id");
        assertStatus(post(STAFF, "/api/rounds/" + roundId + "/invitations", Map.of("investorId", investorId)), 200);
        assertStatus(post(investorUser, "/api/rounds/" + roundId + "/nda", Map.of()), 200);
    }

    private String investor(String user) {
        String code = "BAD" + random();
        assertStatus(post(STAFF, "/api/investors", Map.of("code", code, "name", "Fund " + code, "kind", "VC_FUND")), 201);
        assertStatus(post(STAFF, "/api/investors/INVESTOR-" + code + "/users", Map.of("userId", user)), 200);
        return "INVESTOR-" + code;
    }

    /** A valid member company's round (equity, 300k-600k, ticket 50k), changed by key/value pairs of its terms. */
    private Map<String, Object> round(Object... termChanges) {
        Map<String, Object> terms = equityTerms(500000, 300000, 600000, 50000, 4000000, LocalDate.parse(inDays(60)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Series A");
        body.put("companyOrganisationId", carrierOrg);
        body.put("terms", changed(terms, termChanges));
        body.put("sharePassport", true);
        body.put("shareCommitments", false);
        return body;
    }

    private Map<String, Object> roundWith(String key, Object value) {
        Map<String, Object> body = round();
        if (value == ABSENT) {
            body.remove(key);
        } else {
            body.put(key, value);
        }
        return body;
    }

    Stream<Row> rows() {
        return Stream.of(
                // ---------------------------------------------------------------- POST /api/organisations
                row("organisation: empty object", () -> call(STAFF, "/api/organisations", Map.of()), 400, "name must not be blank"),
                row("organisation: no body at all", () -> call(STAFF, "/api/organisations", null), 400, "body"),
                row("organisation: missing name", () -> call(STAFF, "/api/organisations", organisation("name", ABSENT)), 400, "name"),
                row("organisation: blank name", () -> call(STAFF, "/api/organisations", organisation("name", "  ")), 400, "name"),
                row("organisation: missing region", () -> call(STAFF, "/api/organisations", organisation("region", ABSENT)), 400, "region"),
                row("organisation: missing kind", () -> call(STAFF, "/api/organisations", organisation("kind", ABSENT)), 400, "kind"),
                row("organisation: missing headcount", () -> call(STAFF, "/api/organisations", organisation("headcount", ABSENT)), 400, "headcount"),
                row("organisation: unknown kind", () -> call(STAFF, "/api/organisations", organisation("kind", "GIANT")), 400, "GIANT"),
                row("organisation: unknown national id scheme", () -> call(STAFF, "/api/organisations",
                        organisation("nationalIdScheme", "SIRET")), 400, "SIRET"),
                row("organisation: negative headcount", () -> call(STAFF, "/api/organisations", organisation("headcount", -1)), 400, "headcount"),
                row("organisation: headcount above 2,000,000", () -> call(STAFF, "/api/organisations",
                        organisation("headcount", 2_000_001)), 400, "headcount"),
                row("organisation: SIREN failing its check digit", () -> call(STAFF, "/api/organisations",
                        organisation("nationalIdScheme", "SIREN", "nationalId", "552100555")), 400, "check digit"),
                row("organisation: SIREN with a letter", () -> call(STAFF, "/api/organisations",
                        organisation("nationalIdScheme", "SIREN", "nationalId", "55210055A")), 400, "nine digits"),
                row("organisation: RNSR without its letter", () -> call(STAFF, "/api/organisations",
                        organisation("nationalIdScheme", "RNSR", "nationalId", "200012345")), 400, "capital letter"),
                row("organisation: malformed JSON", () -> call(STAFF, "/api/organisations",
                        "{\"name\": \"Broken SAS\", \"kind\": "), 400, "not valid JSON"),
                row("organisation: body cut inside a text", () -> call(STAFF, "/api/organisations",
                        "{\"name\": \"Broken"), 400, "not valid JSON: it ends before it is complete (in field 'name')"),
                row("organisation: headcount as text", () -> call(STAFF, "/api/organisations", organisation("headcount", "lots")), 400, "lots"),
                row("organisation: name as an object", () -> call(STAFF, "/api/organisations",
                        organisation("name", Map.of("legal", "Acme"))), 400, "'name'"),
                row("organisation: competences as a single string", () -> call(STAFF, "/api/organisations",
                        organisation("competences", "photonics")), 400, "'competences'"),
                row("organisation: blank competence", () -> call(STAFF, "/api/organisations",
                        organisation("competences", List.of("photonics", " "))), 400, "competences[1]"),
                row("organisation: text/plain body", () -> new Call(STAFF, HttpMethod.POST, "/api/organisations",
                        "name=Acme", MediaType.TEXT_PLAIN), 415, "not supported"),
                row("organisation: duplicate national id", () -> call(STAFF, "/api/organisations",
                        organisation("nationalIdScheme", "SIREN", "nationalId", registeredSiren)), 409, "already registered"),
                row("organisation: duplicate national id with spaces around", () -> call(STAFF, "/api/organisations",
                        organisation("nationalIdScheme", "SIREN", "nationalId", " " + registeredSiren + " ")), 409, "already registered"),
                row("organisation: registered by a carrier", () -> call(carrierUser, "/api/organisations", organisation()), 403, "groups"),

                // strict JSON: no duplicate key, nothing after the body, no coercion, no unknown field, clean text
                row("organisation: duplicate key", () -> call(STAFF, "/api/organisations",
                        raw(organisation()).replace("{\"name\":", "{\"name\":\"Other SAS\",\"name\":")), 400, "'name' appears twice"),
                row("organisation: garbage after the body", () -> call(STAFF, "/api/organisations",
                        raw(organisation()) + " this is not json"), 400, "not valid JSON"),
                row("organisation: a second JSON value after the body", () -> call(STAFF, "/api/organisations",
                        raw(organisation()) + " {}"), 400, "nothing after it"),
                row("organisation: name as a number", () -> call(STAFF, "/api/organisations", organisation("name", 12345)), 400,
                        "'name' must be text"),
                row("organisation: headcount as a numeric text", () -> call(STAFF, "/api/organisations",
                        organisation("headcount", "12")), 400, "'headcount'"),
                row("organisation: fractional headcount", () -> call(STAFF, "/api/organisations",
                        organisation("headcount", 12.5)), 400, "'headcount'"),
                row("organisation: headcount beyond a long", () -> call(STAFF, "/api/organisations",
                        raw(organisation()).replace("\"headcount\":12", "\"headcount\":123456789012345678901234567890")), 400,
                        "'headcount'"),
                row("organisation: kind as an ordinal", () -> call(STAFF, "/api/organisations", organisation("kind", 0)), 400,
                        "'kind'"),
                row("organisation: unknown field", () -> call(STAFF, "/api/organisations", organisation("website", "x")), 400,
                        "'website' is not part of this request"),
                row("organisation: NUL in the name", () -> call(STAFF, "/api/organisations",
                        organisation("name", "Acme\u0000 SAS")), 400, "'name' contains a control character (U+0000"),
                row("organisation: ESC in the region", () -> call(STAFF, "/api/organisations",
                        organisation("region", "Bre\u001btagne")), 400, "'region' contains a control character (U+001B"),
                row("organisation: a lone surrogate in the name", () -> call(STAFF, "/api/organisations",
                        raw(organisation()).replace("Bad Input Probe SAS", "Bad \\ud800 SAS")), 400, "'name' contains a lone surrogate"),
                row("organisation: JSON null as the body", () -> call(STAFF, "/api/organisations", "null"), 400, "body"),

                // ---------------------------------------------------------------- POST /api/organisations/{id}/members
                row("member: unknown user", () -> call(STAFF, "/api/organisations/" + carrierOrg + "/members",
                        Map.of("userId", "nobody." + UUID.randomUUID().toString().substring(0, 6))), 400, "no user"),
                row("member: blank user id", () -> call(STAFF, "/api/organisations/" + carrierOrg + "/members",
                        Map.of("userId", " ")), 400, "userId"),
                row("member: unknown organisation", () -> call(STAFF, "/api/organisations/OTHER-NOPE" + random() + "/members",
                        Map.of("userId", lonelyUser)), 404, "OTHER-NOPE"),
                row("member: user already acting for the organisation", () -> call(STAFF,
                        "/api/organisations/" + carrierOrg + "/members", Map.of("userId", carrierUser)), 409, "already acts for"),
                row("member: added by a carrier", () -> call(carrierUser, "/api/organisations/" + carrierOrg + "/members",
                        Map.of("userId", lonelyUser)), 403, "groups"),

                // ---------------------------------------------------------------- POST /api/projects
                row("idea: blank title", () -> call(carrierUser, "/api/projects", idea("title", "   ")), 400, "title"),
                row("idea: title of two characters", () -> call(carrierUser, "/api/projects", idea("title", "AI")), 400, "title"),
                row("idea: title of one character padded with blanks (refused inside the process step)",
                        () -> call(carrierUser, "/api/projects", idea("title", " A ")), 400, "title must be at least 3 characters"),
                row("idea: missing summary", () -> call(carrierUser, "/api/projects", idea("summary", ABSENT)), 400, "summary"),
                row("idea: summary over 4000 characters", () -> call(carrierUser, "/api/projects",
                        idea("summary", "x".repeat(4001))), 400, "summary"),
                row("idea: budget with 3 decimals", () -> call(carrierUser, "/api/projects", idea("plannedBudget", 1000.123)), 400, "plannedBudget"),
                row("idea: negative budget", () -> call(carrierUser, "/api/projects", idea("plannedBudget", -1)), 400, "plannedBudget"),
                row("idea: missing budget", () -> call(carrierUser, "/api/projects", idea("plannedBudget", ABSENT)), 400, "plannedBudget"),
                row("idea: budget as text", () -> call(carrierUser, "/api/projects", idea("plannedBudget", "a lot")), 400, "a lot"),
                row("idea: unknown confidentiality", () -> call(carrierUser, "/api/projects", idea("confidentiality", "SECRET")), 400, "SECRET"),
                row("idea: missing confidentiality", () -> call(carrierUser, "/api/projects", idea("confidentiality", ABSENT)), 400, "confidentiality"),
                row("idea: malformed JSON", () -> call(carrierUser, "/api/projects", "{\"title\": [}"), 400, "'title'"),
                row("idea: unknown carrier organisation", () -> call(carrierUser, "/api/projects",
                        idea("carrierOrganisationId", "OTHER-NOPE" + random())), 422, "register it first"),
                row("idea: by a user not acting for the carrier", () -> call(outsiderUser, "/api/projects", idea()), 403, "do not act for"),
                row("idea: by a user acting for no organisation", () -> call(lonelyUser, "/api/projects", idea()), 403, "do not act for"),

                // ---------------------------------------------------------------- POST /api/projects/{id}/invitations
                row("invitation: unknown organisation", () -> call(carrierUser, invitations(buildingProject),
                        Map.of("organisationId", "OTHER-NOPE" + random())), 422, "register it first"),
                row("invitation: the carrier invites itself", () -> call(carrierUser, invitations(buildingProject),
                        Map.of("organisationId", carrierOrg)), 409, "lead partner"),
                row("invitation: invited twice", () -> call(carrierUser, invitations(buildingProject),
                        Map.of("organisationId", partnerOrg)), 409, "already invited"),
                row("invitation: blank organisation id", () -> call(carrierUser, invitations(buildingProject),
                        Map.of("organisationId", "")), 400, "organisationId"),
                // the CONSORTIUM project is hidden from the outsider: refused as if it did not exist
                row("invitation: by a user who is not the carrier's", () -> call(outsiderUser, invitations(buildingProject),
                        Map.of("organisationId", outsiderOrg)), 404, "No project"),
                row("invitation: unknown project", () -> call(carrierUser, invitations("PRJ-NOPE" + random()),
                        Map.of("organisationId", outsiderOrg)), 404, "No project"),
                row("invitation: into an abandoned project", () -> call(carrierUser, invitations(abandonedProject),
                        Map.of("organisationId", outsiderOrg)), 409, "ABANDONED"),

                // ---------------------------------------------------------------- POST /api/projects/{id}/partners/{org}/join
                // a CONSORTIUM project that never invited the organisation is hidden from it: answered as missing
                row("join: without an invitation", () -> call(outsiderUser, partner(buildingProject, outsiderOrg, "join"),
                        join(Map.of())), 404, "No project"),
                row("join: budget with 3 decimals", () -> call(partnerUser, partner(buildingProject, partnerOrg, "join"),
                        join(Map.of("plannedBudget", 12.345))), 400, "plannedBudget"),
                row("join: negative budget", () -> call(partnerUser, partner(buildingProject, partnerOrg, "join"),
                        join(Map.of("plannedBudget", -10))), 400, "plannedBudget"),
                row("join: blank role", () -> call(partnerUser, partner(buildingProject, partnerOrg, "join"),
                        join(Map.of("role", ""))), 400, "role"),
                row("join: by another organisation's user", () -> call(outsiderUser, partner(buildingProject, partnerOrg, "join"),
                        join(Map.of())), 403, "do not act for"),
                row("join: the carrier joins its own project", () -> call(carrierUser, partner(buildingProject, carrierOrg, "join"),
                        join(Map.of())), 409, "lead partner"),
                row("join: unknown project", () -> call(partnerUser, partner("PRJ-NOPE" + random(), partnerOrg, "join"),
                        join(Map.of())), 404, "No project"),

                // ---------------------------------------------------------------- POST /api/projects/{id}/partners/{org}/decline
                row("decline: blank reason", () -> call(partnerUser, partner(buildingProject, partnerOrg, "decline"),
                        Map.of("reason", " ")), 400, "reason"),
                row("decline: without an invitation", () -> call(outsiderUser, partner(buildingProject, outsiderOrg, "decline"),
                        Map.of("reason", "Not our field")), 404, "No project"),
                row("decline: by another organisation's user", () -> call(outsiderUser, partner(buildingProject, partnerOrg, "decline"),
                        Map.of("reason", "Not our field")), 403, "do not act for"),

                // ---------------------------------------------------------------- POST /api/projects/{id}/partners/{org}/nda
                row("nda: by an organisation that is no partner", () -> call(outsiderUser, partner(buildingProject, outsiderOrg, "nda"),
                        Map.of()), 404, "No project"),
                row("nda: by the carrier", () -> call(carrierUser, partner(buildingProject, carrierOrg, "nda"),
                        Map.of()), 422, "carrier owns the project file"),
                row("nda: by another organisation's user", () -> call(outsiderUser, partner(buildingProject, partnerOrg, "nda"),
                        Map.of()), 403, "do not act for"),
                row("nda: on an abandoned project", () -> call(partnerUser, partner(abandonedProject, partnerOrg, "nda"),
                        Map.of()), 409, "ABANDONED"),

                // ---------------------------------------------------------------- POST /api/projects/{id}/abandon
                row("abandon: blank reason", () -> call(carrierUser, abandon(buildingProject), Map.of("reason", "  ")), 400, "reason"),
                row("abandon: no reason", () -> call(carrierUser, abandon(buildingProject), Map.of()), 400, "reason"),
                row("abandon: reason over 1000 characters", () -> call(carrierUser, abandon(buildingProject),
                        Map.of("reason", "r".repeat(1001))), 400, "reason"),
                row("abandon: by a user who is not the carrier's", () -> call(outsiderUser, abandon(buildingProject),
                        Map.of("reason", "Hostile takeover")), 404, "No project"),
                row("abandon: already abandoned", () -> call(carrierUser, abandon(abandonedProject),
                        Map.of("reason", "Twice")), 409, "already ABANDONED"),
                row("abandon: unknown project", () -> call(carrierUser, abandon("PRJ-NOPE" + random()),
                        Map.of("reason", "Gone")), 404, "No project"),

                // ---------------------------------------------------------------- POST /api/tasks/{id}/complete
                row("review: unknown field", () -> call(reviewerA, completeTask(reviewTaskA),
                        review("comment", "an extra field")), 400, "Unknown field"),
                row("review: score as a word", () -> call(reviewerA, completeTask(reviewTaskA), review("score", "high")), 400, "score must be a whole number"),
                row("review: decimal score", () -> call(reviewerA, completeTask(reviewTaskA), review("score", 15.5)), 400, "score must be a whole number"),
                row("review: score 21, above the form's max", () -> call(reviewerA, completeTask(reviewTaskA), review("score", 21)), 400, "max"),
                row("review: score -1, below the form's min", () -> call(reviewerA, completeTask(reviewTaskA), review("score", -1)), 400, "min"),
                row("review: missing conclusions", () -> call(reviewerA, completeTask(reviewTaskA),
                        review("conclusions", ABSENT)), 400, "conclusions is required"),
                row("review: empty form", () -> call(reviewerA, completeTask(reviewTaskA), Map.of()), 400, "score is required"),
                row("review: no body", () -> call(reviewerA, completeTask(reviewTaskA), null), 400, "required"),
                row("review: unknown recommendation", () -> call(reviewerA, completeTask(reviewTaskA),
                        review("recommendation", "MAYBE")), 400, "recommendation must be one of"),
                row("review: conclusions as a number", () -> call(reviewerA, completeTask(reviewTaskA),
                        review("conclusions", 42)), 400, "conclusions must be text"),
                row("review: conclusions over 4000 characters", () -> call(reviewerA, completeTask(reviewTaskA),
                        review("conclusions", "c".repeat(4001))), 400, "maxlength"),
                row("review: a JSON array instead of the form", () -> call(reviewerA, completeTask(reviewTaskA),
                        List.of(15, "GRANT")), 400, "not valid JSON"),
                row("review: NUL in the conclusions", () -> call(reviewerA, completeTask(reviewTaskA),
                        review("conclusions", "Solid\u0000 team.")), 400, "control character"),
                row("review: duplicate key in the form", () -> call(reviewerA, completeTask(reviewTaskA),
                        "{\"score\": 15, \"score\": 20, \"recommendation\": \"GRANT\", \"conclusions\": \"Fine.\"}"), 400,
                        "appears twice"),
                row("assign reviewers: deadline in year 2201", () -> call(STAFF, completeTask(assignTaskId),
                        Map.of("reviewers", reviewerA + "," + reviewerB, "reviewDeadline", "2201-01-01")), 400,
                        "between 1900 and 2200"),
                row("review: another reviewer's task", () -> call(reviewerC, completeTask(reviewTaskA), review()), 404, "for you"),
                row("review: the carrier completes a reviewer's task", () -> call(carrierUser, completeTask(reviewTaskA),
                        review()), 404, "for you"),
                row("task: unknown task id", () -> call(reviewerA, completeTask(UUID.randomUUID().toString()), review()), 404, "No open task"),
                row("assign reviewers: date not ISO", () -> call(STAFF, completeTask(assignTaskId),
                        Map.of("reviewers", reviewerA + "," + reviewerB, "reviewDeadline", "31/03/2027")), 400, "date like 2027-03-31"),
                row("assign reviewers: date in the past", () -> call(STAFF, completeTask(assignTaskId),
                        Map.of("reviewers", reviewerA + "," + reviewerB, "reviewDeadline", inDays(-1))), 400, "future date"),
                row("assign reviewers: missing date", () -> call(STAFF, completeTask(assignTaskId),
                        Map.of("reviewers", reviewerA + "," + reviewerB)), 400, "reviewDeadline is required"),
                row("assign reviewers: a user who is no reviewer", () -> call(STAFF, completeTask(assignTaskId),
                        Map.of("reviewers", reviewerA + "," + carrierUser, "reviewDeadline", inDays(10))), 400, "reviewer group"),
                row("assign reviewers: the same reviewer twice", () -> call(STAFF, completeTask(assignTaskId),
                        Map.of("reviewers", reviewerA + "," + reviewerA, "reviewDeadline", inDays(10))), 400, "listed twice"),
                row("assign reviewers: a single reviewer", () -> call(STAFF, completeTask(assignTaskId),
                        Map.of("reviewers", reviewerA, "reviewDeadline", inDays(10))), 422, "At least 2 reviewers"),
                row("assign reviewers: a reviewer acting for a consortium member", () -> call(STAFF, completeTask(assignTaskId),
                        Map.of("reviewers", reviewerA + "," + conflictedReviewer, "reviewDeadline", inDays(10))), 422, "independent"),
                row("assign reviewers: by a carrier", () -> call(carrierUser, completeTask(assignTaskId),
                        Map.of("reviewers", reviewerA + "," + reviewerB, "reviewDeadline", inDays(10))), 404, "for you"),
                row("build consortium: boolean as text", () -> call(carrierUser, completeTask(buildTaskId),
                        Map.of("consortiumComplete", "yes")), 400, "consortiumComplete must be true or false"),
                row("build consortium: not ticked", () -> call(carrierUser, completeTask(buildTaskId),
                        Map.of("consortiumComplete", false)), 400, "consortiumComplete must be true"),
                row("build consortium: empty form", () -> call(carrierUser, completeTask(buildTaskId), Map.of()), 400, "consortiumComplete"),
                row("build consortium: consortium rule not met", () -> call(carrierUser, completeTask(buildTaskId),
                        Map.of("consortiumComplete", true)), 422, "consortium rule is not met"),
                row("build consortium: by another organisation's user", () -> call(outsiderUser, completeTask(buildTaskId),
                        Map.of("consortiumComplete", true)), 404, "for you"),

                // ---------------------------------------------------------------- POST /api/investors
                row("investor: blank code", () -> call(STAFF, "/api/investors", Map.of("code", " ", "name", "Fund", "kind",
                        "VC_FUND")), 400, "code"),
                row("investor: unknown kind", () -> call(STAFF, "/api/investors", Map.of("code", "HEDGE" + random(),
                        "name", "Fund", "kind", "HEDGE_FUND")), 400, "HEDGE_FUND"),
                row("investor: registered by a carrier", () -> call(carrierUser, "/api/investors", Map.of("code",
                        "C" + random(), "name", "Fund", "kind", "VC_FUND")), 403, "groups"),
                row("investor user: not in the investor group", () -> call(STAFF, "/api/investors/" + investorId + "/users",
                        Map.of("userId", lonelyUser)), 422, "investor group"),
                row("investor user: unknown investor", () -> call(STAFF, "/api/investors/INVESTOR-NOPE" + random() + "/users",
                        Map.of("userId", investorUser)), 404, "No investor"),
                // ---------------------------------------------------------------- funding amendments
                row("amendment: empty body", () -> call(STAFF, "/api/funding/applications/APP-X-Y/conventions/ORG/amendments",
                        Map.of()), 400, "kind"),
                row("amendment: unknown kind", () -> call(STAFF, "/api/funding/applications/APP-X-Y/conventions/ORG/amendments",
                        Map.of("kind", "RENEGOTIATION", "reason", "Why not")), 400, "RENEGOTIATION"),
                row("amendment: no reason", () -> call(STAFF, "/api/funding/applications/APP-X-Y/conventions/ORG/amendments",
                        Map.of("kind", "PARTNER_WITHDRAWAL")), 400, "reason"),
                row("amendment: extension without a date", () -> call(STAFF,
                        "/api/funding/applications/APP-X-Y/conventions/ORG/amendments",
                        Map.of("kind", "END_DATE_EXTENSION", "reason", "Delay")), 400, "newEndDate"),
                row("amendment: a budget shift through the wrong door", () -> call(STAFF,
                        "/api/funding/applications/APP-X-Y/conventions/ORG/amendments",
                        Map.of("kind", "BUDGET_SHIFT_IN", "reason", "Delay")), 400, "budget-shifts"),
                row("amendment: unknown application", () -> call(STAFF, "/api/funding/applications/APP-NOPE-"
                        + random() + "/conventions/ORG/amendments", Map.of("kind", "PARTNER_WITHDRAWAL", "reason", "Gone")),
                        404, "No funding application"),
                row("budget shift: amount with three decimals", () -> call(STAFF, "/api/funding/applications/APP-X-Y/budget-shifts",
                        Map.of("fromOrganisationId", "A", "toOrganisationId", "B", "amount", 10.005, "reason", "R")), 400, "amount"),
                row("budget shift: negative amount", () -> call(STAFF, "/api/funding/applications/APP-X-Y/budget-shifts",
                        Map.of("fromOrganisationId", "A", "toOrganisationId", "B", "amount", -10, "reason", "R")), 400, "amount"),
                row("budget shift: no receiving partner", () -> call(STAFF, "/api/funding/applications/APP-X-Y/budget-shifts",
                        Map.of("fromOrganisationId", "A", "amount", 10, "reason", "R")), 400, "toOrganisationId"),
                row("budget shift: unknown application", () -> call(STAFF, "/api/funding/applications/APP-NOPE-" + random()
                        + "/budget-shifts", Map.of("fromOrganisationId", "A", "toOrganisationId", "B", "amount", 10, "reason", "R")),
                        404, "No funding application"),
                // ---------------------------------------------------------------- POST /api/rounds
                row("round: no terms", () -> call(STAFF, "/api/rounds", roundWith("terms", ABSENT)), 400, "terms"),
                row("round: blank title", () -> call(STAFF, "/api/rounds", roundWith("title", " ")), 400, "title"),
                row("round: target in cents", () -> call(STAFF, "/api/rounds", round("targetAmount", 500000.5)), 400,
                        "targetAmount"),
                row("round: unknown instrument", () -> call(STAFF, "/api/rounds", round("instrument", "SAFE")), 400, "SAFE"),
                row("round: equity without a pre-money valuation (refused inside the process step)", () -> call(STAFF,
                        "/api/rounds", round("preMoneyValuation", ABSENT)), 400, "preMoneyValuation is required"),
                row("round: maximum raise below the minimum raise", () -> call(STAFF, "/api/rounds",
                        round("maximumRaise", 200000, "targetAmount", 250000)), 400, "maximumRaise"),
                row("round: closing date today", () -> call(STAFF, "/api/rounds", round("closingDate", inDays(0))), 400,
                        "closingDate"),
                row("round: closing date as an integer", () -> call(STAFF, "/api/rounds", round("closingDate", 20270331)), 400,
                        "written as text"),
                row("round: closing date in year 999999999", () -> call(STAFF, "/api/rounds",
                        round("closingDate", "+999999999-12-31")), 400, "between 1900 and 2200"),
                row("round: closing date eleven years ahead", () -> call(STAFF, "/api/rounds",
                        round("closingDate", inDays(366 * 11))), 422, "too far ahead"),
                row("round: 1 for a boolean", () -> call(STAFF, "/api/rounds", round("allOrNothing", 1)), 400, "'terms.allOrNothing'"),
                row("round: null for a boolean", () -> call(STAFF, "/api/rounds", roundWith("sharePassport", null)), 400,
                        "'sharePassport' must be true or false, not null"),
                row("round: amount as a numeric text", () -> call(STAFF, "/api/rounds", round("targetAmount", "500000")), 400,
                        "'terms.targetAmount'"),
                row("round: a project that is not labelled", () -> call(STAFF, "/api/rounds",
                        roundWith("projectId", buildingProject)), 422, "labelled project only"),
                row("round: by a carrier for a company it does not act for", () -> call(carrierUser, "/api/rounds",
                        roundWith("companyOrganisationId", outsiderOrg)), 403, "do not act for"),
                row("round: by an investor", () -> call(investorUser, "/api/rounds", round()), 403, "groups"),
                // ---------------------------------------------------------------- round steps
                row("invitation: unknown investor", () -> call(STAFF, "/api/rounds/" + roundId + "/invitations",
                        Map.of("investorId", "INVESTOR-NOPE" + random())), 422, "register it first"),
                row("invitation: investor invited twice", () -> call(STAFF, "/api/rounds/" + roundId + "/invitations",
                        Map.of("investorId", investorId)), 409, "already invited"),
                row("invitation: unknown round", () -> call(STAFF, "/api/rounds/ROUND-NOPE/invitations",
                        Map.of("investorId", investorId)), 404, "No round"),
                row("invitation: by an investor", () -> call(investorUser, "/api/rounds/" + roundId + "/invitations",
                        Map.of("investorId", investorId)), 403, "groups"),
                row("round nda: accepted twice", () -> call(investorUser, "/api/rounds/" + roundId + "/nda", Map.of()), 409,
                        "already accepted"),
                row("round nda: by an investor not invited", () -> call(uninvitedInvestorUser, "/api/rounds/" + roundId + "/nda",
                        Map.of()), 404, "No round"),
                row("commitment: below the minimum ticket", () -> call(investorUser, "/api/rounds/" + roundId + "/commitment",
                        Map.of("amount", 49999)), 422, "minimum ticket"),
                row("commitment: in cents", () -> call(investorUser, "/api/rounds/" + roundId + "/commitment",
                        Map.of("amount", 60000.5)), 400, "amount"),
                row("commitment: no amount", () -> call(investorUser, "/api/rounds/" + roundId + "/commitment", Map.of()),
                        400, "amount"),
                row("commitment: over the maximum raise", () -> call(investorUser, "/api/rounds/" + roundId + "/commitment",
                        Map.of("amount", 700000)), 422, "maximum raise"),
                row("commitment: by a carrier", () -> call(carrierUser, "/api/rounds/" + roundId + "/commitment",
                        Map.of("amount", 100000)), 403, "groups"),
                row("withdrawal: without a commitment", () -> call(investorUser, "/api/rounds/" + roundId
                        + "/commitment/withdraw", Map.of("reason", "Changed my mind")), 422, "no commitment"),
                row("withdrawal: blank reason", () -> call(investorUser, "/api/rounds/" + roundId + "/commitment/withdraw",
                        Map.of("reason", " ")), 400, "reason"),
                row("reconfirmation: nothing to reconfirm", () -> call(investorUser, "/api/rounds/" + roundId
                        + "/commitment/reconfirm", Map.of()), 409, "awaiting reconfirmation"),
                row("documents: blank reference", () -> call(STAFF, "/api/rounds/" + roundId + "/documents",
                        Map.of("title", "Business plan", "reference", "")), 400, "reference"),
                row("terms: unchanged", () -> call(STAFF, "/api/rounds/" + roundId + "/terms", Map.of("terms",
                        round().get("terms"), "reason", "Nothing")), 400, "unchanged"),
                row("terms: reconfirmation period of 0 days", () -> call(STAFF, "/api/rounds/" + roundId + "/terms",
                        Map.of("terms", round().get("terms"), "reason", "Nothing", "reconfirmWithinDays", 0)), 400,
                        "reconfirmWithinDays"),
                row("close: blank reason", () -> call(STAFF, "/api/rounds/" + roundId + "/close", Map.of("reason", "")), 400,
                        "reason"),
                row("close: by an investor", () -> call(investorUser, "/api/rounds/" + roundId + "/close",
                        Map.of("reason", "Mine")), 403, "groups"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void a_bad_request_is_refused_with_a_problem_and_stores_nothing(Row row) throws Exception {
        assertRefused(row);
    }

    /** An id that names another kind of record is simply not an organisation. */
    @Test
    void adding_a_member_to_an_id_that_names_a_project_is_a_404() throws Exception {
        assertRefused(row("member: an id that names a project, not an organisation", () -> call(STAFF,
                "/api/organisations/" + buildingProject + "/members", Map.of("userId", lonelyUser)), 404, buildingProject));
    }

    /** A task assigned to B stays B's, even if A was also offered it as a candidate user. */
    @Test
    void a_candidate_cannot_complete_a_task_assigned_to_someone_else() throws Exception {
        assertRefused(row("review: a candidate completes a task assigned to someone else", () -> call(reviewerA,
                completeTask(reviewTaskB), review()), 403, "assigned to"));
    }

    /** Lower-casing can lengthen a text ("\u0130"): the length is checked on what is stored. */
    @Test
    void a_competence_too_long_once_lower_cased_is_refused() throws Exception {
        assertRefused(row("organisation: a competence longer than 80 characters once lower-cased", () -> call(STAFF,
                "/api/organisations", organisation("competences", List.of("\u0130".repeat(80)))), 400, "competence"));
    }

    /** A body over the bound is refused before it is read (eight such bodies of 19 MB at once ran the heap out). */
    @Test
    void a_body_larger_than_a_mebibyte_is_refused_before_it_is_read() throws Exception {
        String huge = raw(idea("title", "x".repeat((int) StrictJson.MAX_BODY_BYTES)));
        assertRefused(row("idea: a body of more than 1 MiB", () -> call(carrierUser, "/api/projects", huge), 413,
                "bytes a request may carry"));
    }

    /** Sent without a length (chunked), the same body gets past the filter and the JSON reader stops at the bound. */
    @Test
    void a_chunked_body_larger_than_a_mebibyte_is_refused_where_it_is_read() throws Exception {
        byte[] huge = raw(idea("title", "x".repeat((int) StrictJson.MAX_BODY_BYTES))).getBytes(StandardCharsets.UTF_8);
        Snapshot before = snapshot();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(http.getRootUri() + "/api/projects"))
                .header("Content-Type", "application/json").header("Accept", "application/problem+json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((carrierUser + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
                .build();
        assertThat(request.bodyPublisher().orElseThrow().contentLength()).as("sent without a length").isNegative();

        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("bytes a request may carry");
        assertThat(snapshot()).as("nothing stored").isEqualTo(before);
    }

    /**
     * A header holding a control character is refused before anything is read: U+0001 by Tomcat itself, U+0085 (a byte
     * Tomcat passes on as ISO-8859-1) by Spring Security's firewall when the credentials are read; both a 400 problem
     * that names the headers, and nothing stored.
     */
    @Test
    void a_header_with_a_control_character_is_a_400_problem_and_nothing_is_stored() throws Exception {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString((carrierUser + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        byte[] body = raw(idea()).getBytes(StandardCharsets.UTF_8);
        Snapshot before = snapshot();
        // the header, and who refuses it: Tomcat (Spring's error page) or the firewall (its handler)
        Map<String, String> refusedBy = Map.of("X-Note: a\u0001b", "The request could not be read",
                "Authorization: Basic " + credentials + "\u0085", "The request path contains");
        for (String header : refusedBy.keySet()) {
            String answer = rawRequest("POST /api/projects HTTP/1.1\r\nHost: localhost\r\n"
                    + (header.startsWith("Authorization") ? "" : "Authorization: Basic " + credentials + "\r\n")
                    + header + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n", body);
            assertThat(answer).as(header).startsWith("HTTP/1.1 400").containsIgnoringCase("application/problem+json")
                    .contains(refusedBy.get(header)).contains("or a header a control character");
        }
        assertThat(snapshot()).as("nothing stored").isEqualTo(before);
    }

    /** Sends bytes as they are (ISO-8859-1 for the head; Java's HTTP client refuses control characters) and reads the answer. */
    private String rawRequest(String head, byte[] body) throws Exception {
        java.net.URI root = java.net.URI.create(http.getRootUri());
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A URL too long for Tomcat to read is refused by Tomcat itself, still as a problem. */
    @Test
    void a_url_too_long_to_read_is_a_400_problem() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.getRootUri() + "/api/projects?q="
                        + "a".repeat(16_000))).header("Accept", "application/json").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("longer than the server accepts");
    }

    private void assertRefused(Row row) throws Exception {
        Snapshot before = snapshot();
        Call call = row.call().get();

        ResponseEntity<String> response = send(call);

        assertProblem(response, row.name(), row.status(), row.keyword());
        assertThat(snapshot()).as("nothing stored by %s", row.name()).isEqualTo(before);
    }

    // ------------------------------------------------------------------------------------------ fixtures

    private String submit(String confidentiality) {
        ResponseEntity<Map<String, Object>> submitted = post(carrierUser, "/api/projects", idea("confidentiality", confidentiality));
        assertStatus(submitted, 201);
        String projectId = (String) submitted.getBody().get("id");
        awaitProject(carrierUser, projectId, p -> "CONSORTIUM_BUILDING".equals(p.get("status")));
        return projectId;
    }

    /** A CONSORTIUM project whose consortium (SME carrier, large company, lab, all under NDA) is submitted for labelling. */
    private String submittedForLabelling() {
        String projectId = submit("CONSORTIUM");
        for (String org : List.of(partnerOrg, labOrg)) {
            assertStatus(post(carrierUser, invitations(projectId), Map.of("organisationId", org)), 200);
        }
        awaitProject(carrierUser, projectId, p -> ((List<?>) p.get("partners")).size() == 3);
        for (String[] member : new String[][] {{partnerUser, partnerOrg}, {labUser, labOrg}}) {
            assertStatus(post(member[0], partner(projectId, member[1], "join"), join(Map.of())), 200);
            assertStatus(post(member[0], partner(projectId, member[1], "nda"), Map.of()), 200);
        }
        assertStatus(complete(carrierUser, awaitTask(carrierUser, projectId, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM),
                Map.of("consortiumComplete", true)), 204);
        awaitProject(carrierUser, projectId, p -> "AWAITING_REVIEWERS".equals(p.get("status")));
        return projectId;
    }

    private Snapshot snapshot() {
        List<String> openTasks = processEngine.getTaskService().createTaskQuery().list().stream()
                .map(Task::getId).sorted().toList();
        Map<String, Long> readModels = new LinkedHashMap<>();
        for (String table : List.of("organisation", "organisation_member", "organisation_competence", "project",
                "project_partner", "project_review")) {
            readModels.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        return new Snapshot(storedEventCount(), runningProcessInstances(), openTasks, readModels);
    }

    private ResponseEntity<String> send(Call call) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(call.contentType() == null ? MediaType.APPLICATION_JSON : call.contentType());
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        return http.withBasicAuth(call.user(), PASSWORD)
                .exchange(call.path(), call.method(), new HttpEntity<>(call.body(), headers), String.class);
    }

    private static void assertStatus(ResponseEntity<Map<String, Object>> response, int status) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
    }

    // ------------------------------------------------------------------------------------------ bodies

    private static final com.fasterxml.jackson.databind.ObjectMapper RAW = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The body as JSON text, to be altered where a map cannot express the fault (duplicate keys, raw escapes). */
    private static String raw(Object body) {
        try {
            return RAW.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Row row(String name, Supplier<Call> call, int status, String keyword) {
        return new Row(name, call, status, keyword);
    }

    private static Call call(String user, String path, Object body) {
        return new Call(user, HttpMethod.POST, path, body, null);
    }

    /** A valid organisation, with a fresh national id, changed by key/value pairs (ABSENT removes a key). */
    private static Map<String, Object> organisation(Object... changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Bad Input Probe SAS");
        body.put("nationalIdScheme", "OTHER");
        body.put("nationalId", "BAD" + random());
        body.put("kind", "SME");
        body.put("headcount", 12);
        body.put("region", "Bretagne");
        body.put("competences", List.of("photonics"));
        return changed(body, changes);
    }

    private Map<String, Object> idea(Object... changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "A probe that must not be stored");
        body.put("summary", "Nothing of it must remain.");
        body.put("thematicAxis", "Energy");
        body.put("confidentiality", "CONSORTIUM");
        body.put("carrierOrganisationId", carrierOrg);
        body.put("plannedBudget", 1000);
        return changed(body, changes);
    }

    private static Map<String, Object> join(Map<String, Object> changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", "System integration");
        body.put("plannedBudget", 200000);
        body.putAll(changes);
        return body;
    }

    private static Map<String, Object> review(Object... changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("score", 15);
        body.put("recommendation", "GRANT");
        body.put("conclusions", "Solid team.");
        return changed(body, changes);
    }

    private static Map<String, Object> changed(Map<String, Object> body, Object... changes) {
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == ABSENT) {
                body.remove((String) changes[i]);
            } else {
                body.put((String) changes[i], changes[i + 1]);
            }
        }
        return body;
    }

    private static String invitations(String projectId) {
        return "/api/projects/" + projectId + "/invitations";
    }

    private static String partner(String projectId, String organisationId, String action) {
        return "/api/projects/" + projectId + "/partners/" + organisationId + "/" + action;
    }

    private static String abandon(String projectId) {
        return "/api/projects/" + projectId + "/abandon";
    }

    private static String completeTask(String taskId) {
        return "/api/tasks/" + taskId + "/complete";
    }

    private static String inDays(int days) {
        return ParisTime.today().plusDays(days).toString();
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    /** A random SIREN that passes its Luhn check digit. */
    static String validSiren() {
        StringBuilder digits = new StringBuilder();
        digits.append(1 + ThreadLocalRandom.current().nextInt(9));
        for (int i = 1; i < 8; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            // position from the right once the check digit is appended: 8 - i; doubled when odd
            int digit = digits.charAt(i) - '0';
            if ((8 - i) % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }
}
