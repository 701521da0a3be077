package org.tremplin;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.AdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.CockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.TasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.WelcomeRuntimeDelegate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as it runs for real (default profile, H2 file, demo data), stopped and started again on
 * the same file: everything is still there, and the demo is not loaded a second time. The stop is taken as if in the
 * middle of a read-model replay's reset: the start finishes that reset before the processor runs.
 */
class RestartPersistenceTest {

    private static final List<String> DEMO_PROJECTS = List.of("PRJ-DEMO-1", "PRJ-DEMO-2", "PRJ-DEMO-3");
    private static final String DEMO_STAFF = "claire";
    private static final String DEMO_PASSWORD = "demo";

    /** What the application holds, read through its API and its stores. */
    record State(Map<String, Object> projects, List<String> listedProjects, List<Object> organisations,
                 Map<String, Long> eventsPerProject, long storedEvents, long organisationEvents,
                 Map<String, String> runningProcessInstances, long finishedProcessInstances, List<String> openTasks,
                 long processDefinitions, long deployments, long users, Map<String, Long> readModelRows) {
    }

    @Test
    void everything_survives_a_restart_and_the_demo_is_loaded_once() throws Exception {
        Path directory = Paths.get("target", "restart-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(directory);
        String url = "jdbc:h2:retry:file:" + directory.resolve("tremplin");
        StaticCamundaState cachedContexts = StaticCamundaState.save();

        State first;
        State second;
        ConfigurableApplicationContext context = null;
        try {
            context = start(url);
            assertThat(directory.resolve("tremplin.mv.db")).as("the test's own database file").exists();
            first = awaitDemoAndRead(context);
            context.close();
            assertThat(context.isActive()).isFalse();
            context = null;
            stopMidReset(url);

            context = start(url);
            second = awaitDemoAndRead(context);
            assertThat(context.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM read_model_reset_pending", Long.class)).as("the interrupted reset finished").isZero();
        } finally {
            if (context != null) {
                context.close();
            }
            cachedContexts.restore();
        }

        assertThat(first.projects()).containsOnlyKeys(DEMO_PROJECTS);
        assertThat(first.eventsPerProject()).allSatisfy((project, count) -> assertThat(count).as(project).isPositive());
        assertThat(first.runningProcessInstances()).isNotEmpty();
        assertThat(first.organisations()).hasSize(8);

        assertThat(second.projects()).as("projects as pole staff read them").isEqualTo(first.projects());
        assertThat(second.listedProjects()).isEqualTo(first.listedProjects());
        assertThat(second.organisations()).as("organisations").isEqualTo(first.organisations());
        assertThat(second.eventsPerProject()).as("events per project (no second demo load)").isEqualTo(first.eventsPerProject());
        assertThat(second.storedEvents()).as("all stored events").isEqualTo(first.storedEvents());
        assertThat(second.organisationEvents()).isEqualTo(first.organisationEvents());
        assertThat(second.runningProcessInstances()).as("running process instances").isEqualTo(first.runningProcessInstances());
        assertThat(second.finishedProcessInstances()).isEqualTo(first.finishedProcessInstances());
        assertThat(second.openTasks()).as("open tasks").isEqualTo(first.openTasks());
        assertThat(second.users()).as("users").isEqualTo(first.users());
        assertThat(second.processDefinitions()).as("process definitions (no redeployment)").isEqualTo(first.processDefinitions());
        assertThat(second.deployments()).as("deployments").isEqualTo(first.deployments());
        assertThat(second.readModelRows()).as("read model rows").isEqualTo(first.readModelRows());

        // Kept for inspection when an assertion fails; removed once the test passed.
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * What a stop in the middle of a read-model replay's reset on H2 leaves: the reset's mark committed, the first table
     * truncated (TRUNCATE commits by itself), the processor's token where it was. Were the processor to carry on from
     * that token, the demo project's partners would be missing for good; the start finishes the reset first.
     */
    private static void stopMidReset(String url) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO read_model_reset_pending (processor_name, tables, requested_at)"
                    + " VALUES ('projects', 'project,project_partner,project_review', CURRENT_TIMESTAMP)");
            statement.execute("TRUNCATE TABLE project_partner");
            try (java.sql.ResultSet token = statement.executeQuery(
                    "SELECT COUNT(*) FROM TokenEntry WHERE processorName = 'projects' AND token IS NOT NULL")) {
                token.next();
                assertThat(token.getLong(1)).as("the processor's token, not reset").isPositive();
            }
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        // Command-line arguments, not default properties: these must win over application.yml.
        return new SpringApplicationBuilder(TremplinApplication.class)
                .registerShutdownHook(false)
                .run("--spring.datasource.url=" + url, "--server.port=0", "--tremplin.demo.enabled=true",
                        "--camunda.bpm.job-execution.enabled=false");
    }

    private static State awaitDemoAndRead(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        TestRestTemplate http = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port))
                .withBasicAuth(DEMO_STAFF, DEMO_PASSWORD);
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        EventStore eventStore = context.getBean(EventStore.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

        // The read models follow the events asynchronously: wait for the last step of each demo project.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Map<String, Object>> projects = new HashMap<>();
            for (String id : DEMO_PROJECTS) {
                ResponseEntity<Map<String, Object>> response = http.exchange("/api/projects/" + id, HttpMethod.GET, null,
                        new ParameterizedTypeReference<>() { });
                if (response.getStatusCode().value() != 200) {
                    return false;
                }
                projects.put(id, response.getBody());
            }
            return hasPartnerUnderNda(projects.get("PRJ-DEMO-1"))
                    && "UNDER_REVIEW".equals(projects.get("PRJ-DEMO-2").get("status"))
                    && ((List<?>) projects.get("PRJ-DEMO-2").get("reviews")).stream()
                    .anyMatch(r -> ((Map<?, ?>) r).get("score") != null)
                    && "IN_RESEARCH".equals(projects.get("PRJ-DEMO-3").get("status"))
                    && projects.get("PRJ-DEMO-3").get("conclusions") != null
                    && jdbc.queryForObject("SELECT COUNT(*) FROM funding_payment", Long.class) >= 2
                    && jdbc.queryForObject("SELECT COUNT(*) FROM organisation_member", Long.class) >= 8;
        });

        Map<String, Object> projects = new TreeMap<>();
        Map<String, Long> eventsPerProject = new TreeMap<>();
        for (String id : DEMO_PROJECTS) {
            projects.put(id, http.exchange("/api/projects/" + id, HttpMethod.GET, null,
                    new ParameterizedTypeReference<Map<String, Object>>() { }).getBody());
            eventsPerProject.put(id, eventStore.readEvents(id).asStream().count());
        }
        List<String> listed = http.exchange("/api/projects", HttpMethod.GET, null,
                        new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody().stream()
                .map(p -> (String) p.get("id")).toList();
        List<Object> organisations = http.exchange("/api/organisations", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Object>>() { }).getBody();

        Map<String, String> running = new TreeMap<>();
        for (ProcessInstance instance : engine.getRuntimeService().createProcessInstanceQuery().list()) {
            running.put(instance.getId(), instance.getProcessDefinitionId().split(":")[0] + "/" + instance.getBusinessKey());
        }
        List<String> openTasks = engine.getTaskService().createTaskQuery().list().stream()
                .map(t -> t.getId() + "/" + t.getTaskDefinitionKey() + "/" + t.getAssignee()).sorted().toList();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : List.of("organisation", "organisation_member", "organisation_competence", "project",
                "project_partner", "project_review")) {
            rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        return new State(projects, listed, organisations, eventsPerProject,
                jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class),
                jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE type = 'Organisation'", Long.class),
                running,
                engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count(),
                openTasks,
                engine.getRepositoryService().createProcessDefinitionQuery().count(),
                engine.getRepositoryService().createDeploymentQuery().count(),
                engine.getIdentityService().createUserQuery().count(),
                rows);
    }

    private static boolean hasPartnerUnderNda(Map<String, Object> project) {
        return ((List<?>) project.get("partners")).stream().anyMatch(p -> ((Map<?, ?>) p).get("ndaSignedAt") != null);
    }

    /**
     * Camunda keeps JVM-wide statics that an application sets when it starts and clears when it closes:
     * the engine registry (under the name every test context shares, "default") and the webapps' runtime
     * delegates. Spring contexts cached by other test classes in this JVM need theirs back afterwards.
     */
    record StaticCamundaState(Map<String, ProcessEngine> engines, CockpitRuntimeDelegate cockpit,
                              TasklistRuntimeDelegate tasklist, AdminRuntimeDelegate admin,
                              WelcomeRuntimeDelegate welcome) {

        static StaticCamundaState save() {
            return new StaticCamundaState(new HashMap<>(ProcessEngines.getProcessEngines()), Cockpit.getRuntimeDelegate(),
                    Tasklist.getRuntimeDelegate(), Admin.getRuntimeDelegate(), Welcome.getRuntimeDelegate());
        }

        void restore() {
            engines.values().forEach(ProcessEngines::registerProcessEngine);
            Cockpit.setCockpitRuntimeDelegate(cockpit);
            Tasklist.setTasklistRuntimeDelegate(tasklist);
            Admin.setAdminRuntimeDelegate(admin);
            Welcome.setRuntimeDelegate(welcome);
        }
    }
}
