package org.tremplin.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.api.SubmitFundingApplicationCommand;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call what, for every operation of the API: the operations are read from {@code /v3/api-docs} at run time,
 * the expected answer of every operation for every role is in {@code src/test/resources/access-matrix.csv}. An
 * operation missing from the table, or a row naming an operation that no longer exists, fails the test.
 *
 * <p>Path variables are filled from one fixture built once: a labelled CONSORTIUM project of its own carrier, funded by
 * two funders (FUI and a region) that both grant its SME carrier (conventions awaiting signature), a round of the
 * carrier's company with one invited investor under NDA, a finished replay. Reads are checked exactly (200, 401, 403,
 * 404); writes are sent an empty JSON body, so that nothing is changed, and are checked for access only: 401, 403 or
 * 404, or {@code allowed} (2xx, 400, 409 or 422: the request passed the access rules and was judged on its content).
 *
 * <p>The observed matrix is written to {@code target/access-matrix.observed.csv} on every run.
 */
class AccessMatrixTest extends ApiTestSupport {

    static final List<String> ROLES = List.of("anonymous", "pole-staff", "carrier", "other-carrier", "reviewer", "funder",
            "other-funder", "investor", "other-investor", "auditor", "camunda-admin");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String TABLE = "access-matrix.csv";
    private static final ZoneId PARIS = ParisTime.ZONE;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Built once for the class: every test reads it, none changes it. */
    private static Fixture fixture;

    /** The partner pole of {partner-poles:id} and {projects:poleId} (co-labelling), registered once per context. */
    private static final String MATRIX_POLE = "POLE-ACCESS-MATRIX";

    record Fixture(Map<String, String> users, String projectId, String carrierOrg, String partnerOrg, String otherOrg, String fui,
                   String region, String otherFunder, String fuiCall, String fuiApplication, String regionApplication,
                   String fuiConvention, String regionConvention, String roundId, String investorId, String taskId,
                   String replayId) {
    }

    record Operation(String method, String path, boolean hasBody) {

        String key() {
            return method + " " + path;
        }
    }

    // ---------------------------------------------------------------- the matrix

    @Test
    void every_operation_answers_every_role_as_the_table_says() throws Exception {
        Fixture f = fixture();
        Map<String, Operation> operations = operations();
        Map<String, Map<String, String>> table = table();

        List<String> failures = new ArrayList<>();
        for (String key : operations.keySet()) {
            if (!table.containsKey(key)) {
                failures.add("operation " + key + " is in /v3/api-docs but not in " + TABLE + ": add its row");
            }
        }
        for (String key : table.keySet()) {
            if (!operations.containsKey(key)) {
                failures.add("row " + key + " of " + TABLE + " names no operation of /v3/api-docs: remove or rename it");
            }
        }

        // reads first, then writes (given empty bodies, they change nothing), the replay last
        List<Operation> ordered = new ArrayList<>(operations.values());
        ordered.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        Map<String, Map<String, String>> observed = new LinkedHashMap<>();
        for (Operation operation : ordered) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String role : ROLES) {
                ResponseEntity<String> response = call(f, role, operation, f.users().get(role));
                int status = response.getStatusCode().value();
                row.put(role, token(operation, status));
                if (status == 202 && operation.path().equals("/api/audit/replay")) {
                    awaitReplay(response);
                }
                Map<String, String> expected = table.get(operation.key());
                if (expected != null && !matches(expected.get(role), operation, status)) {
                    failures.add(operation.key() + " as " + role + ": expected " + expected.get(role) + ", got " + status
                            + " " + abbreviate(response.getBody()));
                }
            }
            observed.put(operation.key(), row);
        }
        writeObserved(observed);
        assertThat(failures).as("access matrix (observed table in target/access-matrix.observed.csv)").isEmpty();
    }

    // ---------------------------------------------------------------- hidden answers as missing

    /**
     * For every read with a path id and every signed-in role: when the fixture's record is not readable to the role,
     * the answer is the very one given for an id that does not exist — same status, same title, same detail once the id
     * is set aside — so that nobody learns that a record exists by asking for it.
     */
    @Test
    void a_hidden_record_answers_exactly_as_a_missing_one_on_every_read_with_a_path_id() throws Exception {
        Fixture f = fixture();
        List<String> failures = new ArrayList<>();
        int hiddenPairs = 0;
        for (Operation operation : operations().values()) {
            if (!READS.contains(operation.method()) || !operation.path().contains("{")) {
                continue;
            }
            for (String role : ROLES.subList(1, ROLES.size())) {
                String user = f.users().get(role);
                Map<String, String> real = variables(f, operation.path());
                ResponseEntity<String> existing = raw(user, HttpMethod.GET, fill(operation.path(), real) + query(f, operation), null);
                if (existing.getStatusCode().is2xxSuccessful()) {
                    continue;
                }
                Map<String, String> missing = new LinkedHashMap<>();
                real.forEach((name, value) -> missing.put(name, missingLike(value)));
                ResponseEntity<String> absent = raw(user, HttpMethod.GET, fill(operation.path(), missing) + query(f, operation), null);
                String seen = answer(existing, real);
                String none = answer(absent, missing);
                if (!seen.equals(none)) {
                    failures.add(operation.key() + " as " + role + ": existing but hidden answers " + seen
                            + ", missing answers " + none);
                }
                if (existing.getStatusCode().value() == 404) {
                    hiddenPairs++;
                }
            }
        }
        assertThat(failures).isEmpty();
        // the fixture does hide records: projects, funding, applications, conventions, rounds, tasks, investors
        assertThat(hiddenPairs).as("pairs (read, role) where an existing record was hidden").isGreaterThan(20);
    }

    /**
     * The same for writes with a well-formed body (the matrix sends empty ones, refused before any access rule): to a
     * caller who may not see the record, the refusal is the one for a record that does not exist, and nothing is stored.
     */
    @Test
    void a_hidden_record_answers_exactly_as_a_missing_one_on_writes_too() {
        Fixture f = fixture();
        String outsider = f.users().get("other-carrier");
        String otherFunder = f.users().get("other-funder");
        String later = LocalDate.now(PARIS).plusYears(3).toString();
        record Write(String user, String template, Map<String, String> ids, Object body) {
        }
        List<Write> writes = List.of(
                new Write(outsider, "/api/projects/{id}/invitations", Map.of("id", f.projectId()),
                        Map.of("organisationId", f.otherOrg())),
                new Write(outsider, "/api/projects/{id}/abandon", Map.of("id", f.projectId()), Map.of("reason", "Mine now")),
                new Write(outsider, "/api/projects/{id}/partners/" + f.otherOrg() + "/join", Map.of("id", f.projectId()),
                        Map.of("role", "Intruder", "plannedBudget", 1000)),
                new Write(outsider, "/api/projects/{id}/partners/" + f.otherOrg() + "/nda", Map.of("id", f.projectId()), Map.of()),
                new Write(otherFunder, "/api/funding/applications/{applicationId}/conventions/" + f.carrierOrg() + "/amendments",
                        Map.of("applicationId", f.fuiApplication()),
                        Map.of("kind", "END_DATE_EXTENSION", "newEndDate", later, "reason", "Why not")),
                new Write(outsider, "/api/funding/applications/{applicationId}/budget-shifts",
                        Map.of("applicationId", f.fuiApplication()), Map.of("fromOrganisationId", f.carrierOrg(),
                        "toOrganisationId", f.partnerOrg(), "amount", 1000, "reason", "Why not")),
                new Write(outsider, "/api/rounds/{id}/documents", Map.of("id", f.roundId()),
                        Map.of("title", "Fake", "reference", "https://example.org/fake")),
                new Write(f.users().get("other-investor"), "/api/rounds/{id}/commitment", Map.of("id", f.roundId()),
                        Map.of("amount", 100000)),
                new Write(outsider, "/api/tasks/{taskId}/complete", Map.of("taskId", f.taskId()), Map.of()),
                new Write(outsider, "/api/projects/{id}/tasks/user_sign_convention/complete", Map.of("id", f.projectId()), Map.of()));
        long events = storedEventCount();
        List<String> failures = new ArrayList<>();
        for (Write write : writes) {
            Map<String, String> missing = new LinkedHashMap<>();
            write.ids().forEach((name, value) -> missing.put(name, missingLike(value)));
            ResponseEntity<String> existing = raw(write.user(), HttpMethod.POST, fill(write.template(), write.ids()), write.body());
            ResponseEntity<String> absent = raw(write.user(), HttpMethod.POST, fill(write.template(), missing), write.body());
            String seen = answer(existing, write.ids());
            String none = answer(absent, missing);
            if (existing.getStatusCode().value() != 404 || !seen.equals(none)) {
                failures.add("POST " + write.template() + ": existing but hidden answers " + seen + ", missing answers " + none);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(storedEventCount()).isEqualTo(events);
    }

    // ---------------------------------------------------------------- a funder sees no other funder's figures

    @Test
    @SuppressWarnings("unchecked")
    void a_funder_sees_its_own_grants_and_the_ceiling_outcome_never_another_funders_figures() throws Exception {
        Fixture f = fixture();
        String fuiUser = f.users().get("funder");

        // staff see both grants to the SME, the cross-funder total (100,000 + 70,000) and the ceiling
        Map<String, Object> full = get(STAFF, "/api/projects/" + f.projectId() + "/funding").getBody();
        Map<String, Object> smeAid = stateAidOf(full, f.carrierOrg());
        assertMoney(smeAid, "totalAid", "170000.00");
        String ceiling = money(smeAid, "ceilingAmount").setScale(0, java.math.RoundingMode.DOWN).toPlainString();
        assertThat(smeAid.get("overCeiling")).isEqualTo(false);

        ResponseEntity<String> raw = raw(fuiUser, HttpMethod.GET, "/api/projects/" + f.projectId() + "/funding", null);
        assertThat(raw.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> seen = JSON.readValue(raw.getBody(), Map.class);
        assertThat((List<Map<String, Object>>) seen.get("funders")).extracting(p -> p.get("funderId")).containsExactly(f.fui());
        assertMoney(seen, "grantedTotal", "100000.00");
        Map<String, Object> ownAid = stateAidOf(seen, f.carrierOrg());
        assertThat(ownAid.get("totalAid")).isNull();
        assertThat(ownAid.get("ceilingAmount")).isNull();
        assertThat(ownAid.get("overCeiling")).isNull();
        List<Map<String, Object>> aids = (List<Map<String, Object>>) ownAid.get("aids");
        assertThat(aids).hasSize(1);
        Map<String, Object> aid = aids.get(0);
        assertThat(aid.get("funderId")).isEqualTo(f.fui());
        assertMoney(aid, "amount", "100000.00");
        // the outcome of the ceiling check, without the figures behind it
        assertThat(aid.get("overCeiling")).isEqualTo(false);
        assertThat(aid.get("totalAidAfter")).isNull();
        assertThat(aid.get("ceilingAmount")).isNull();
        // no figure from which the region's 70,000 could be derived, anywhere in the answer
        assertThat(raw.getBody()).doesNotContain("70000", "170000", ceiling, f.region(), f.regionApplication());

        // the region's application and convention answer as if they did not exist; its ledger is refused
        assertThat(answer(raw(fuiUser, HttpMethod.GET, "/api/funding/applications/" + f.regionApplication(), null),
                Map.of("id", f.regionApplication()))).isEqualTo(answer(raw(fuiUser, HttpMethod.GET,
                "/api/funding/applications/APP-MISSING", null), Map.of("id", "APP-MISSING")));
        assertThat(raw(fuiUser, HttpMethod.GET, "/api/funding/conventions/" + f.regionConvention(), null)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(raw(fuiUser, HttpMethod.GET, "/api/funders/" + f.region() + "/ledger", null)
                .getStatusCode().value()).isEqualTo(403);
        // its own application and convention in full
        ResponseEntity<String> application = raw(fuiUser, HttpMethod.GET, "/api/funding/applications/" + f.fuiApplication(), null);
        assertThat(application.getStatusCode().value()).isEqualTo(200);
        assertThat(application.getBody()).doesNotContain("70000", "170000");
        ResponseEntity<String> convention = raw(fuiUser, HttpMethod.GET, "/api/funding/conventions/" + f.fuiConvention(), null);
        assertThat(convention.getStatusCode().value()).isEqualTo(200);
        assertThat(convention.getBody()).doesNotContain("70000", "170000");

        // a funder with nothing in the project reads nothing of it
        assertThat(raw(f.users().get("other-funder"), HttpMethod.GET, "/api/projects/" + f.projectId() + "/funding", null)
                .getStatusCode().value()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stateAidOf(Map<String, Object> summary, String organisationId) {
        return ((List<Map<String, Object>>) summary.get("stateAid")).stream()
                .filter(a -> organisationId.equals(a.get("organisationId"))).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- fixture

    private synchronized Fixture fixture() {
        if (fixture == null) {
            fixture = build();
        }
        return fixture;
    }

    @SuppressWarnings("unchecked")
    private Fixture build() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
        Map<String, String> users = new LinkedHashMap<>();
        users.put("anonymous", null);
        users.put("pole-staff", STAFF);
        String fuiUser = newUser("fui", Roles.FUNDER);
        String regionUser = newUser("region", Roles.FUNDER);
        String otherFunderUser = newUser("otherfunder", Roles.FUNDER);
        String fui = ensureFunder("MFUI-" + suffix, "Fonds unique interministériel", "STATE_FUI", null, fuiUser);
        String region = ensureFunder("MREG-" + suffix, "Région Auvergne-Rhône-Alpes", "REGION", null, regionUser);
        String otherFunder = ensureFunder("MOTH-" + suffix, "Bpifrance", "BPIFRANCE", null, otherFunderUser);
        String fuiCall = ensureCall(fui, "MFUI-" + suffix + "-C");
        String regionCall = ensureCall(region, "MREG-" + suffix + "-C");

        ApiConsortium c = labelledThroughApi("Access matrix lidar", "Grand Groupe Matrice");
        if (get(STAFF, "/api/partner-poles/" + MATRIX_POLE).getStatusCode().value() == 404) {
            assertThat(post(STAFF, "/api/partner-poles", Map.of("id", MATRIX_POLE, "name", "Pôle Matrice",
                    "themes", List.of("Aeronautics"), "contactName", "Contact", "contactEmail", "contact@matrice.example"))
                    .getStatusCode().value()).isEqualTo(201);
        }
        String project = c.projectId();
        String sme = c.carrierOrg();
        String otherCarrier = newUser("othercarrier", Roles.CARRIER);
        String otherOrg = newOrganisation("Autre PME", "SME", otherCarrier);
        Map<String, Object> file = get(STAFF, "/api/projects/" + project).getBody();
        String reviewer = (String) ((List<Map<String, Object>>) file.get("reviews")).get(0).get("reviewerId");

        completeOk(STAFF, awaitTask(STAFF, project, "user_choose_target_calls"), Map.of("targetCalls", fuiCall + ", " + regionCall));
        awaitProject(STAFF, project, p -> "FUNDING".equals(p.get("status")));
        for (String call : List.of(fuiCall, regionCall)) {
            completeOk(c.carrierUser(), awaitTask(c.carrierUser(), project, "user_file_application", "callId", call),
                    Map.of("requests", sme + "; 200000; 100000; 100000"));
        }
        completeOk(fuiUser, awaitTask(fuiUser, project, "user_record_funding_decision", "callId", fuiCall),
                Map.of("granted", true, "grants", sme + "; 100000", "reasons", "The SME's work package."));
        completeOk(regionUser, awaitTask(regionUser, project, "user_record_funding_decision", "callId", regionCall),
                Map.of("granted", true, "grants", sme + "; 70000", "reasons", "Regional SME support, partial."));
        String fuiApplication = SubmitFundingApplicationCommand.applicationId(project, fuiCall.substring(5));
        String regionApplication = SubmitFundingApplicationCommand.applicationId(project, regionCall.substring(5));
        String fuiConvention = GrantedAid.conventionId(fuiApplication, sme);
        String regionConvention = GrantedAid.conventionId(regionApplication, sme);
        String taskId = (String) awaitTask(fuiUser, project, "user_sign_convention", "conventionId", fuiConvention).get("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ResponseEntity<Map<String, Object>> summary = get(STAFF, "/api/projects/" + project + "/funding");
            return summary.getStatusCode().value() == 200 && ((List<?>) summary.getBody().get("funders")).size() == 2
                    && get(STAFF, "/api/funding/conventions/" + regionConvention).getStatusCode().value() == 200;
        });

        String investorUser = newUser("investor", Roles.INVESTOR);
        String otherInvestorUser = newUser("otherinvestor", Roles.INVESTOR);
        String investorId = investor("MANG-" + suffix, investorUser);
        investor("MOTH-" + suffix, otherInvestorUser);
        Map<String, Object> terms = equityTerms(1000000, 500000, 1500000, 50000, 6000000, LocalDate.now(PARIS).plusMonths(2));
        ResponseEntity<Map<String, Object>> round = post(c.carrierUser(), "/api/rounds", Map.of("title", "Seed",
                "companyOrganisationId", sme, "projectId", project, "terms", terms, "sharePassport", true,
                "shareCommitments", false));
        assertThat(round.getStatusCode().value()).as("%s", round.getBody()).isEqualTo(201);
        String roundId = (String) round.getBody().get("id");
        ResponseEntity<Map<String, Object>> invited = post(STAFF, "/api/rounds/" + roundId + "/invitations",
                Map.of("investorId", investorId));
        assertThat(invited.getStatusCode().value()).as("%s", invited.getBody()).isEqualTo(200);
        ResponseEntity<Map<String, Object>> nda = post(investorUser, "/api/rounds/" + roundId + "/nda", Map.of());
        assertThat(nda.getStatusCode().value()).as("%s", nda.getBody()).isEqualTo(200);

        ResponseEntity<String> replay = raw(STAFF, HttpMethod.POST, "/api/audit/replay", null);
        assertThat(replay.getStatusCode().value()).as("%s", replay.getBody()).isEqualTo(202);
        String replayId = awaitReplay(replay);

        users.put("carrier", c.carrierUser());
        users.put("other-carrier", otherCarrier);
        users.put("reviewer", reviewer);
        users.put("funder", fuiUser);
        users.put("other-funder", otherFunderUser);
        users.put("investor", investorUser);
        users.put("other-investor", otherInvestorUser);
        users.put("auditor", AUDITOR);
        users.put("camunda-admin", newUser("admin", Roles.ADMIN));
        return new Fixture(users, project, sme, c.labOrg(), otherOrg, fui, region, otherFunder, fuiCall, fuiApplication,
                regionApplication, fuiConvention, regionConvention, roundId, investorId, taskId, replayId);
    }

    private String investor(String code, String user) {
        ResponseEntity<Map<String, Object>> created = post(STAFF, "/api/investors", Map.of("code", code, "name", "Angels " + code,
                "kind", "BUSINESS_ANGEL"));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        ResponseEntity<Map<String, Object>> added = post(STAFF, "/api/investors/INVESTOR-" + code + "/users", Map.of("userId", user));
        assertThat(added.getStatusCode().value()).as("%s", added.getBody()).isEqualTo(200);
        return "INVESTOR-" + code;
    }

    /** Waits for the replay that answered 202 to end (read models are briefly incomplete meanwhile); its id. */
    private String awaitReplay(ResponseEntity<String> started) {
        String id;
        try {
            id = JSON.readTree(started.getBody()).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ResponseEntity<Map<String, Object>> report = get(STAFF, "/api/audit/replay/" + id);
            return report.getStatusCode().value() == 200 && !"RUNNING".equals(report.getBody().get("state"));
        });
        return id;
    }

    // ---------------------------------------------------------------- operations and table

    private Map<String, Operation> operations() throws IOException {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        JsonNode paths = JSON.readTree(docs.getBody()).get("paths");
        Map<String, Operation> operations = new java.util.TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    Operation operation = new Operation(method, path.getKey(), op.getValue().has("requestBody"));
                    operations.put(operation.key(), operation);
                }
            }
        }
        assertThat(operations).as("operations under /api in /v3/api-docs").hasSizeGreaterThan(30);
        return operations;
    }

    /** The table: "method,path,role…" rows after a header naming the roles in {@link #ROLES}' order; # starts a comment. */
    private static Map<String, Map<String, String>> table() throws IOException {
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                AccessMatrixTest.class.getClassLoader().getResourceAsStream(TABLE), TABLE), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = List.of(line.split(",", -1)).stream().map(String::strip).toList();
                if (header) {
                    assertThat(cells).as("header of " + TABLE).isEqualTo(concat(List.of("method", "path"), ROLES));
                    header = false;
                    continue;
                }
                assertThat(cells).as("row %s of %s", line, TABLE).hasSize(2 + ROLES.size());
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < ROLES.size(); i++) {
                    assertThat(cells.get(2 + i)).as("cell %s of %s", ROLES.get(i), line).matches("allowed|\\d{3}");
                    row.put(ROLES.get(i), cells.get(2 + i));
                }
                String key = cells.get(0) + " " + cells.get(1);
                assertThat(table).as("duplicate row " + key).doesNotContainKey(key);
                table.put(key, row);
            }
        }
        return table;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int rank(Operation operation) {
        if (READS.contains(operation.method())) {
            return 0;
        }
        return operation.path().equals("/api/audit/replay") ? 2 : 1;
    }

    /** Reads as their exact status; writes: 401, 403, 404 exactly, anything judged on its content as "allowed". */
    private static String token(Operation operation, int status) {
        if (!READS.contains(operation.method()) && allowed(status)) {
            return "allowed";
        }
        return Integer.toString(status);
    }

    private static boolean allowed(int status) {
        return (status >= 200 && status < 300) || status == 400 || status == 409 || status == 422;
    }

    private static boolean matches(String expected, Operation operation, int status) {
        return expected.equals("allowed") ? allowed(status) : expected.equals(Integer.toString(status));
    }

    private static void writeObserved(Map<String, Map<String, String>> observed) throws IOException {
        StringBuilder out = new StringBuilder("method,path," + String.join(",", ROLES) + "\n");
        new java.util.TreeMap<>(observed).forEach((key, row) -> out.append(key.replace(' ', ',')).append(',')
                .append(String.join(",", row.values())).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "access-matrix.observed.csv"), out.toString());
    }

    // ---------------------------------------------------------------- calls

    private ResponseEntity<String> call(Fixture f, String role, Operation operation, String user) {
        String path = fill(operation.path(), variables(f, operation.path())) + query(f, operation);
        return raw(user, HttpMethod.valueOf(operation.method()), path, operation.hasBody() ? Map.of() : null);
    }

    private ResponseEntity<String> raw(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, MediaType.ALL));
        var template = user == null ? http : http.withBasicAuth(user, PASSWORD);
        return template.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** The fixture's value of each path variable, by the resource the path names and the variable's name. */
    private static Map<String, String> variables(Fixture f, String template) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(template);
        String resource = template.split("/")[2];
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = switch (resource + ":" + name) {
                case "projects:id", "projects:projectId" -> f.projectId();
                case "projects:organisationId" -> f.partnerOrg();
                case "rounds:id" -> f.roundId();
                case "calls:id" -> f.fuiCall();
                case "funders:id", "funders:funderId" -> f.fui();
                case "investors:id" -> f.investorId();
                case "organisations:id" -> f.carrierOrg();
                case "funding:applicationId" -> f.fuiApplication();
                case "funding:conventionId" -> f.fuiConvention();
                case "funding:organisationId" -> f.carrierOrg();
                case "tasks:taskId" -> f.taskId();
                case "projects:taskDefinitionKey" -> "user_sign_convention";
                case "audit:id" -> f.replayId();
                case "imports:id" -> "IMPORT-0000000000000000";
                case "partner-poles:id", "projects:poleId" -> MATRIX_POLE;
                case "reviewers:userId" -> f.users().get("reviewer");
                default -> null;
            };
            assertThat(value).as("the fixture has no value for {%s} in %s: add one in AccessMatrixTest.variables", name,
                    template).isNotNull();
            values.put(name, value);
        }
        return values;
    }

    /** Query parameters that a read needs to answer at all. */
    private static String query(Fixture f, Operation operation) {
        return switch (operation.key()) {
            case "GET /api/audit/grants/360giving" -> "?projectId=" + f.projectId();
            case "GET /api/projects/{id}/history/export" -> "?format=csv";
            default -> "";
        };
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    /** An id of the same shape that names nothing. */
    private static String missingLike(String value) {
        int dash = value.indexOf('-');
        return (dash > 0 ? value.substring(0, dash + 1) : "") + "0MISSING0";
    }

    /** Status, problem title and detail, the ids of the path set aside. */
    private static String answer(ResponseEntity<String> response, Map<String, String> ids) {
        String title = "";
        String detail = "";
        try {
            JsonNode body = JSON.readTree(response.getBody() == null ? "{}" : response.getBody());
            title = body.path("title").asText("");
            detail = body.path("detail").asText("");
        } catch (IOException e) {
            detail = "(not JSON) " + response.getBody();
        }
        List<Map.Entry<String, String>> byLength = new ArrayList<>(ids.entrySet());
        byLength.sort((a, b) -> Integer.compare(b.getValue().length(), a.getValue().length()));
        for (Map.Entry<String, String> id : byLength) {
            detail = detail.replace(id.getValue(), "{" + id.getKey() + "}");
        }
        return response.getStatusCode().value() + " " + title + ": " + detail;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
