package org.tremplin.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.ParisTime;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write endpoint that {@code /v3/api-docs} describes, sent a fixed table of malformed requests: duplicate keys,
 * trailing garbage, a scalar of the wrong type for each property of its schema, control characters and lone
 * surrogates in its texts, odd and huge dates and numbers, odd characters in its path, an empty body, a body that is
 * not JSON. Each is refused with a 4xx problem+json (never a 5xx, never an acceptance), and nothing is stored: the
 * event store and Camunda's runtime state are what they were. The endpoints are read from the OpenAPI document, so a
 * new endpoint is covered without editing this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final String PLACEHOLDER = "__FUZZ_PLACEHOLDER__";
    /** An id that names nothing, for path variables of records the fixtures do not create. */
    private static final String UNKNOWN_ID = "UNKNOWN-FUZZ-1";

    @LocalServerPort
    private int port;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Existing ids by the path segment that precedes a variable ("projects" → a project's id). */
    private final Map<String, String> ids = new TreeMap<>();

    record Mutation(String name, String method, String path, String contentType, String body) {
    }

    record RuntimeState(long events, long processInstances, long executions, long jobs, long variables, List<String> tasks) {
    }

    @BeforeAll
    void fixtures() {
        identity.ensureUser(STAFF, "Staff", "One", PASSWORD, List.of(Roles.POLE_STAFF));
        String carrier = newUser("fuzz", Roles.CARRIER);
        String organisation = newOrganisation("Fuzz SME", "SME", carrier);
        var submitted = post(carrier, "/api/projects", Map.of("title", "A project that fuzzing must not change",
                "summary", "Nothing of it may change.", "thematicAxis", "Energy", "confidentiality", "CONSORTIUM",
                "carrierOrganisationId", organisation, "plannedBudget", 1000));
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        String project = (String) submitted.getBody().get("id");
        String task = (String) awaitTask(carrier, project, ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM).get("id");
        String code = "FZ" + shortCode();
        String funder = ensureFunder(code, "Fuzz Funder", "STATE_FUI", null, null);
        String call = ensureCall(funder, code + "-1");
        var investor = post(STAFF, "/api/investors", Map.of("code", code, "name", "Fuzz Fund", "kind", "VC_FUND"));
        assertThat(investor.getStatusCode().value()).as("%s", investor.getBody()).isEqualTo(201);
        String investorId = "INVESTOR-" + code;
        Map<String, Object> terms = equityTerms(500000, 300000, 600000, 50000, 4000000, ParisTime.today().plusDays(60));
        var round = post(STAFF, "/api/rounds", Map.of("title", "Fuzz round", "companyOrganisationId", organisation,
                "terms", terms, "sharePassport", true, "shareCommitments", false));
        assertThat(round.getStatusCode().value()).as("%s", round.getBody()).isEqualTo(201);
        ids.put("rounds", (String) round.getBody().get("id"));

        ids.put("organisations", organisation);
        ids.put("partners", organisation);
        ids.put("conventions", organisation);
        ids.put("projects", project);
        ids.put("tasks", task);
        ids.put("funders", funder);
        ids.put("calls", call);
        ids.put("investors", investorId);
    }

    @Test
    void every_write_endpoint_refuses_every_malformed_request_with_a_problem_and_stores_nothing() throws Exception {
        JsonNode docs = JSON.readTree(send("GET", "/v3/api-docs", null, null).body());
        List<Mutation> mutations = new ArrayList<>();
        Map<String, Integer> perEndpoint = new TreeMap<>();
        docs.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            for (String method : List.of("post", "put", "patch", "delete")) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    List<Mutation> table = mutationsOf(docs, method.toUpperCase(), path.getKey(), operation);
                    perEndpoint.put(method.toUpperCase() + " " + path.getKey(), table.size());
                    mutations.addAll(table);
                }
            }
        });
        assertThat(perEndpoint).as("write endpoints found in /v3/api-docs").isNotEmpty();

        RuntimeState before = state();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (Mutation mutation : mutations) {
            HttpResponse<String> response = send(mutation.method(), mutation.path(), mutation.contentType(), mutation.body());
            String failure = judge(response);
            if (failure != null) {
                failures.add(mutation.method() + " " + mutation.path() + " [" + mutation.name() + "] → " + failure);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("ApiFuzzTest: %d malformed requests to %d write endpoints in %d ms, %d answered wrongly%n",
                mutations.size(), perEndpoint.size(), millis, failures.size());

        assertThat(failures).as("malformed requests not refused with a 4xx problem+json (%d of %d)", failures.size(),
                mutations.size()).isEmpty();
        assertThat(state()).as("event store and Camunda runtime after %d malformed requests", mutations.size())
                .isEqualTo(before);
        assertThat(perEndpoint).as("every write endpoint got its share of the table")
                .allSatisfy((endpoint, count) -> assertThat(count).as(endpoint).isGreaterThanOrEqualTo(4));
    }

    /** Paths Tomcat refuses before any servlet runs (a broken percent escape): problem+json under /api, too. */
    @Test
    void a_path_tomcat_itself_refuses_is_a_problem_too() throws Exception {
        for (String path : List.of("/api/projects/%zz/abandon", "/api/projects/%/abandon", "/api/projects/%C0%AE/abandon")) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                        + Base64.getEncoder().encodeToString((STAFF + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))
                        + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                        .getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 400")
                        .containsIgnoringCase("Content-Type: application/problem+json").contains("\"status\":400");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the table

    private List<Mutation> mutationsOf(JsonNode docs, String method, String template, JsonNode operation) {
        List<Mutation> table = new ArrayList<>();
        String path = fill(template, null, null);
        JsonNode requestBody = operation.get("requestBody");
        JsonNode schema = requestBody == null ? null : resolve(docs, requestBody.path("content").path("application/json").path("schema"));
        boolean bodyRequired = requestBody != null && requestBody.path("required").asBoolean(false);
        String base = schema == null ? null : write(sample(docs, schema, 0));

        // odd characters in each path variable, and in the path itself
        Matcher variables = VARIABLE.matcher(template);
        while (variables.find()) {
            for (String odd : List.of("%00", "%2F", "%5C", "a;b", "%3B", "%25", "%2E%2E", "..", "%0A", "%1B", "%ED%A0%80")) {
                table.add(new Mutation("path variable " + variables.group(1) + " = " + odd, method,
                        fill(template, variables.group(1), odd), "application/json", base));
            }
        }
        table.add(new Mutation("double slash", method, path.replaceFirst("/api/", "/api//"), "application/json", base));
        table.add(new Mutation("path parameter", method, path + ";jsessionid=FUZZ", "application/json", base));
        table.add(new Mutation("encoded null at the end", method, path + "%00", "application/json", base));
        table.add(new Mutation("dot segment", method, path + "/../" + lastSegment(path), "application/json", base));

        if (requestBody == null) {
            return table;
        }
        // the body as a whole
        if (bodyRequired) {
            table.add(new Mutation("empty body", method, path, "application/json", ""));
            table.add(new Mutation("JSON null", method, path, "application/json", "null"));
        }
        String object = base == null || !base.startsWith("{") ? "{}" : base;
        table.add(new Mutation("not JSON at all", method, path, "application/json", "this is not json"));
        table.add(new Mutation("truncated JSON", method, path, "application/json", object.substring(0, object.length() - 1)));
        table.add(new Mutation("trailing garbage", method, path, "application/json", object + " this is not json"));
        table.add(new Mutation("a second JSON value", method, path, "application/json", object + " {}"));
        table.add(new Mutation("a list instead of an object", method, path, "application/json", "[" + object + "]"));
        table.add(new Mutation("a number instead of an object", method, path, "application/json", "12345"));
        table.add(new Mutation("a text instead of an object", method, path, "application/json", "\"text\""));
        table.add(new Mutation("text/plain", method, path, "text/plain", object));
        table.add(new Mutation("form encoded", method, path, "application/x-www-form-urlencoded", "a=1&b=2"));
        table.add(new Mutation("unknown field", method, path, "application/json",
                object.equals("{}") ? "{\"fuzzUnknownField\":1}" : "{\"fuzzUnknownField\":1," + object.substring(1)));
        table.add(new Mutation("duplicate key", method, path, "application/json", object.equals("{}")
                ? "{\"fuzz\":1,\"fuzz\":1}" : duplicateFirstKey(object)));
        table.add(new Mutation("deep nesting", method, path, "application/json", "[".repeat(2000) + "]".repeat(2000)));

        // each property of the schema (and of nested objects), given wrong or malformed values
        if (schema != null && base != null && base.startsWith("{")) {
            ObjectNode baseNode = (ObjectNode) read(base);
            propertyMutations(docs, schema, baseNode, List.of(), (name, body) ->
                    table.add(new Mutation(name, method, path, "application/json", body)));
        }
        return table;
    }

    interface Sink {
        void add(String name, String body);
    }

    private void propertyMutations(JsonNode docs, JsonNode schema, ObjectNode base, List<String> at, Sink sink) {
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            List<String> where = new ArrayList<>(at);
            where.add(property.getKey());
            JsonNode type = resolve(docs, property.getValue());
            for (Map.Entry<String, String> wrong : wrongValues(type).entrySet()) {
                sink.add(String.join(".", where) + " = " + wrong.getKey(), replaced(base, where, wrong.getValue()));
            }
            if ("object".equals(typeOf(type)) && type.has("properties")) {
                propertyMutations(docs, type, base, where, sink);
            }
        }
    }

    /** Raw JSON fragments that no property of that type may accept. */
    private static Map<String, String> wrongValues(JsonNode type) {
        Map<String, String> wrong = new LinkedHashMap<>();
        String kind = typeOf(type);
        String format = type.path("format").asText("");
        switch (kind) {
            case "string" -> {
                if (format.equals("date") || format.equals("date-time")) {
                    wrong.put("an integer date", "20270331");
                    wrong.put("a date as a list", "[2027,3,31]");
                    wrong.put("the largest ISO date", "\"+999999999-12-31\"");
                    wrong.put("the smallest ISO date", "\"-999999999-01-01\"");
                    wrong.put("year 1899", format.equals("date") ? "\"1899-12-31\"" : "\"1899-12-31T00:00:00Z\"");
                    wrong.put("year 2201", format.equals("date") ? "\"2201-01-01\"" : "\"2201-01-01T00:00:00Z\"");
                    wrong.put("month 13", "\"2027-13-45\"");
                    wrong.put("a French date", "\"31/03/2027\"");
                } else {
                    wrong.put("a number", "12345");
                    wrong.put("a boolean", "true");
                    wrong.put("a list", "[\"x\"]");
                    wrong.put("an object", "{\"x\":\"y\"}");
                    wrong.put("NUL", "\"fuzz\\u0000text\"");
                    wrong.put("ESC", "\"fuzz\\u001b[31mtext\"");
                    wrong.put("a lone high surrogate", "\"fuzz\\ud800text\"");
                    wrong.put("a lone low surrogate", "\"fuzz\\udc00\"");
                }
                if (type.has("enum")) {
                    wrong.put("an enum ordinal", "0");
                    wrong.put("an unknown enum value", "\"NOT_A_VALUE\"");
                }
            }
            case "integer" -> {
                wrong.put("a numeric text", "\"12\"");
                wrong.put("a fraction", "1.005");
                wrong.put("a boolean", "true");
                wrong.put("beyond long", "123456789012345678901234567890");
                wrong.put("1e400", "1e400");
            }
            case "number" -> {
                wrong.put("a numeric text", "\"1000\"");
                wrong.put("a boolean", "true");
                wrong.put("1e400", "1e400");
                wrong.put("thirty digits", "123456789012345678901234567890");
                wrong.put("1e-400", "1e-400");
            }
            case "boolean" -> {
                wrong.put("1", "1");
                wrong.put("a text", "\"true\"");
                wrong.put("null", "null");
            }
            case "array" -> {
                wrong.put("a scalar", "\"x\"");
                wrong.put("an object", "{\"x\":1}");
                wrong.put("a list holding NUL", "[\"fuzz\\u0000\"]");
            }
            case "object" -> {
                wrong.put("a text", "\"x\"");
                wrong.put("a number", "1");
                wrong.put("a list", "[1]");
            }
            default -> wrong.put("a list", "[[]]");
        }
        return wrong;
    }

    // ------------------------------------------------------------------------------------------ schema samples

    private static String typeOf(JsonNode schema) {
        if (schema.has("type")) {
            JsonNode type = schema.get("type");
            return type.isArray() ? type.path(0).asText() : type.asText();
        }
        if (schema.has("properties") || schema.has("additionalProperties")) {
            return "object";
        }
        return "unknown";
    }

    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; current != null && current.has("$ref") && depth < 10; depth++) {
            String ref = current.get("$ref").asText();
            current = docs.at(ref.substring(1));
        }
        if (current != null && current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(docs, current.get("allOf").get(0));
        }
        return current == null || current.isMissingNode() ? null : current;
    }

    /** A body that has the schema's shape; it is never sent as it is. */
    private static JsonNode sample(JsonNode docs, JsonNode schema, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode s = resolve(docs, schema);
        if (s == null || depth > 5) {
            return f.nullNode();
        }
        String format = s.path("format").asText("");
        return switch (typeOf(s)) {
            case "string" -> s.has("enum") ? f.textNode(s.get("enum").get(0).asText())
                    : format.equals("date") ? f.textNode(ParisTime.today().plusDays(30).toString())
                    : format.equals("date-time") ? f.textNode("2027-03-31T10:00:00Z")
                    : f.textNode("fuzz");
            case "integer" -> f.numberNode(1);
            case "number" -> f.numberNode(1);
            case "boolean" -> f.booleanNode(true);
            case "array" -> {
                ArrayNode array = f.arrayNode();
                array.add(sample(docs, s.path("items"), depth + 1));
                yield array;
            }
            case "object" -> {
                ObjectNode object = f.objectNode();
                s.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), sample(docs, p.getValue(), depth + 1)));
                yield object;
            }
            default -> f.textNode("fuzz");
        };
    }

    private static String replaced(ObjectNode base, List<String> where, String rawJson) {
        ObjectNode copy = base.deepCopy();
        ObjectNode parent = copy;
        for (int i = 0; i < where.size() - 1; i++) {
            JsonNode child = parent.get(where.get(i));
            if (!(child instanceof ObjectNode object)) {
                return write(copy);
            }
            parent = object;
        }
        parent.put(where.get(where.size() - 1), PLACEHOLDER);
        return write(copy).replace("\"" + PLACEHOLDER + "\"", rawJson);
    }

    private static String duplicateFirstKey(String object) {
        JsonNode node = read(object);
        String first = node.fieldNames().next();
        return "{\"" + first + "\":" + write(node.get(first)) + "," + object.substring(1);
    }

    private String fill(String template, String oddVariable, String oddValue) {
        StringBuilder filled = new StringBuilder();
        Matcher matcher = VARIABLE.matcher(template);
        int last = 0;
        while (matcher.find()) {
            filled.append(template, last, matcher.start());
            String before = template.substring(0, matcher.start());
            String[] segments = before.split("/");
            String segment = segments.length == 0 ? "" : segments[segments.length - 1];
            filled.append(matcher.group(1).equals(oddVariable) ? oddValue : ids.getOrDefault(segment, UNKNOWN_ID));
            last = matcher.end();
        }
        return filled.append(template.substring(last)).toString();
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    // ------------------------------------------------------------------------------------------ sending and judging

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((STAFF + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null && body != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Null when the answer is a clean refusal; else what is wrong with it. */
    private static String judge(HttpResponse<String> response) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String body = response.body() == null ? "" : response.body();
        String excerpt = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        if (status < 400 || status >= 500) {
            return status + " " + excerpt;
        }
        if (!contentType.startsWith("application/problem+json")) {
            return status + " as " + contentType + ": " + excerpt;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (Exception e) {
            return status + " with a body that is not JSON: " + excerpt;
        }
        if (problem.path("status").asInt() != status || problem.path("detail").asText("").isBlank()) {
            return status + " with a problem lacking its status or detail: " + excerpt;
        }
        return null;
    }

    private RuntimeState state() {
        var runtime = processEngine.getRuntimeService();
        return new RuntimeState(storedEventCount(), runtime.createProcessInstanceQuery().count(),
                runtime.createExecutionQuery().count(), processEngine.getManagementService().createJobQuery().count(),
                runtime.createVariableInstanceQuery().count(),
                processEngine.getTaskService().createTaskQuery().list().stream().map(Task::getId).sorted().toList());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shortCode() {
        return java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
    }
}
