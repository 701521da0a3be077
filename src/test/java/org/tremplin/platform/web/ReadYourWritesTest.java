package org.tremplin.platform.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes under concurrent writers, on one node: six clients ({@code -Dtremplin.ryw.clients}) each write and
 * read back at once, with no wait in between, through a consortium's whole build-up (idea, two invitations, two joins, two NDAs, the task that submits it
 * for labelling). Concurrent transactions commit out of the order of their global indexes, so a request's own event
 * is often a gap below a processor's position for a moment: a wait for "position at least the head" let 15-18 of 300
 * labellings read 404 right after a 201. Every read must show its write, unless the write said it was pending.
 */
class ReadYourWritesTest extends ApiTestSupport {

    private static final int CLIENTS = Integer.getInteger("tremplin.ryw.clients", 6);
    private static final int IDEAS = Integer.getInteger("tremplin.ryw.ideas", 40);
    private static final int CONSORTIA = Integer.getInteger("tremplin.ryw.consortia", 3);

    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private ReadModels readModels;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private EventProcessingConfiguration processing;

    private final List<String> staleReads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();

    @Test
    @SuppressWarnings("unchecked")
    void every_write_is_read_back_at_once_by_concurrent_clients() throws Exception {
        String largeUser = newUser("large", Roles.CARRIER);
        String labUser = newUser("lab", Roles.CARRIER);
        String largeOrg = newOrganisation("Concurrent Large", "LARGE_COMPANY", largeUser);
        String labOrg = newOrganisation("Concurrent Lab", "RESEARCH_LAB", labUser);
        List<String> carriers = new ArrayList<>();
        List<String> smes = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String carrier = newUser("carrier", Roles.CARRIER);
            carriers.add(carrier);
            smes.add(newOrganisation("Concurrent SME " + c, "SME", carrier));
        }

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            String carrier = carriers.get(c);
            String sme = smes.get(c);
            done.add(clients.submit(() -> {
                for (int round = 0; round < IDEAS; round++) {
                    submitIdea(carrier, sme, "Concurrent idea " + round);
                }
                for (int round = 0; round < CONSORTIA; round++) {
                    String projectId = submitIdea(carrier, sme, "Concurrent consortium " + round);
                    readBack("invitation", carrier, projectId, post(carrier, "/api/projects/" + projectId + "/invitations",
                            Map.of("organisationId", largeOrg)), p -> partner(p, largeOrg, "INVITED"));
                    readBack("invitation", carrier, projectId, post(carrier, "/api/projects/" + projectId + "/invitations",
                            Map.of("organisationId", labOrg)), p -> partner(p, labOrg, "INVITED"));
                    readBack("join", carrier, projectId, post(largeUser, "/api/projects/" + projectId + "/partners/" + largeOrg
                            + "/join", Map.of("role", "Integration", "plannedBudget", 1000)), p -> partner(p, largeOrg, "JOINED"));
                    readBack("join", carrier, projectId, post(labUser, "/api/projects/" + projectId + "/partners/" + labOrg
                            + "/join", Map.of("role", "Research", "plannedBudget", 1000)), p -> partner(p, labOrg, "JOINED"));
                    readBack("NDA", carrier, projectId, post(largeUser, "/api/projects/" + projectId + "/partners/" + largeOrg
                            + "/nda", Map.of()), p -> ndaSigned(p, largeOrg));
                    readBack("NDA", carrier, projectId, post(labUser, "/api/projects/" + projectId + "/partners/" + labOrg
                            + "/nda", Map.of()), p -> ndaSigned(p, labOrg));
                    Map<String, Object> task = getList(carrier, "/api/tasks?projectId=" + projectId).getBody().stream()
                            .filter(t -> "user_build_consortium".equals(t.get("taskDefinitionKey"))).findFirst().orElseThrow();
                    readBack("task completion", carrier, projectId, complete(carrier, task, Map.of("consortiumComplete", true)),
                            p -> "AWAITING_REVIEWERS".equals(p.get("status")));
                }
                return null;
            }));
        }
        for (Future<?> client : done) {
            client.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%nRead-your-writes, H2, %d clients: %d writes in %.1f s (%.0f/s), %d answered pending, %d stale reads%n%n",
                CLIENTS, writes.get(), seconds, writes.get() / seconds, pending.get(), staleReads.size());

        assertThat(writes.get()).isEqualTo(CLIENTS * (IDEAS + CONSORTIA * 8));
        assertThat(staleReads).as("reads right after a write that did not say it was pending").isEmpty();
    }

    /**
     * The race behind the failures, made certain: a request's event takes a global index, another request's event takes
     * the next one, commits first and is processed (the first index is now a gap below the processor's position and
     * the head); then the first request commits and waits. It must wait for its own event, not stop at the head.
     */
    @Test
    void a_request_whose_event_commits_after_a_later_one_waits_for_its_own_event() throws Exception {
        String code = "G" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String heldId = NationalIdScheme.OTHER.organisationId(code);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExecutorService request = Executors.newSingleThreadExecutor();
        Future<Long> rowsRightAfter = request.submit(() -> {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest(), response));
            try {
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    commandGateway.sendAndWait(new RegisterOrganisationCommand(heldId, "Held in flight", NationalIdScheme.OTHER,
                            code, OrganisationKind.SME, 10, "Bretagne", List.of()));
                    appended.countDown();
                    try {
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                readModels.catchUp();
                return jdbc.queryForObject("SELECT COUNT(*) FROM organisation WHERE id = ?", Long.class, heldId);
            } finally {
                RequestContextHolder.resetRequestAttributes();
            }
        });
        try {
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            // committed, and processed (newOrganisation reads it back), while the held event is still in flight
            newOrganisation("Committed first", "SME", null);
        } finally {
            release.countDown();
        }
        assertThat(rowsRightAfter.get(30, TimeUnit.SECONDS)).as("the organisation read right after its request's wait").isEqualTo(1);
        assertThat(response.getHeader(ReadModels.HEADER)).isNull();
        request.shutdown();
    }

    /**
     * A write waits for the processors with a handler for its events, and for those only: a stopped processor that
     * handles none of them does not hold it up, one that does makes it answer pending. A group written in the step's
     * own transaction ({@code projects}, decision 11) holds nothing up either: its model has the write at the commit,
     * its processor stopped or not. The processors of each event type are looked up once and kept, so the second idea
     * is answered from what the first one looked up.
     */
    @Test
    void a_write_waits_for_the_processors_that_handle_its_events_and_for_no_other() {
        String carrier = newUser("waits-for", Roles.CARRIER);
        String sme = newOrganisation("Waits For Its Own", "SME", carrier);
        EventProcessor investments = processing.eventProcessor("investments").orElseThrow();
        EventProcessor projects = processing.eventProcessor("projects").orElseThrow();
        EventProcessor organisations = processing.eventProcessor("organisations").orElseThrow();
        investments.shutDown();
        try {
            ResponseEntity<Map<String, Object>> first = ideaOf(carrier, sme, "Waits for nothing, not investments");
            assertThat(first.getHeaders().getFirst(ReadModels.HEADER)).as("investments handles no idea").isNull();
            projects.shutDown();
            try {
                ResponseEntity<Map<String, Object>> second = ideaOf(carrier, sme, "Written in its step, projects stopped");
                assertThat(second.getHeaders().getFirst(ReadModels.HEADER)).as("projects is written in the step").isNull();
                ResponseEntity<Map<String, Object>> read = get(carrier, "/api/projects/" + second.getBody().get("id"));
                assertThat(read.getStatusCode().value()).as("read at once, its processor stopped").isEqualTo(200);
                assertThat(read.getBody().get("title")).isEqualTo("Written in its step, projects stopped");
            } finally {
                projects.start();
            }
            organisations.shutDown();
            try {
                ResponseEntity<Map<String, Object>> registered = post(STAFF, "/api/organisations", Map.of(
                        "name", "Waits For Organisations", "nationalIdScheme", "OTHER",
                        "nationalId", "W" + UUID.randomUUID().toString().substring(0, 8), "kind", "SME",
                        "headcount", 12, "region", "Bretagne", "competences", List.of("photonics")));
                assertThat(registered.getStatusCode().value()).isEqualTo(201);
                assertThat(registered.getHeaders().getFirst(ReadModels.HEADER)).as("organisations handles registrations")
                        .isEqualTo(ReadModels.PENDING);
            } finally {
                organisations.start();
            }
        } finally {
            investments.start();
        }
        ResponseEntity<Map<String, Object>> third = ideaOf(carrier, sme, "Waits for nothing, all running again");
        assertThat(third.getHeaders().getFirst(ReadModels.HEADER)).isNull();
        assertThat(get(carrier, "/api/projects/" + third.getBody().get("id")).getStatusCode().value()).isEqualTo(200);
    }

    /** An idea submitted by the carrier for its SME (201), the answer with its headers. */
    private ResponseEntity<Map<String, Object>> ideaOf(String carrier, String sme, String title) {
        ResponseEntity<Map<String, Object>> created = post(carrier, "/api/projects", Map.of("title", title,
                "summary", "Written then read at once.", "thematicAxis", "Mobility", "confidentiality", "CONSORTIUM",
                "carrierOrganisationId", sme, "plannedBudget", 1000));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        return created;
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_api_document_declares_the_pending_header_on_write_answers() {
        Map<String, Object> paths = (Map<String, Object>) get(STAFF, "/v3/api-docs").getBody().get("paths");
        Map<String, Object> submit = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/projects")).get("post");
        Map<String, Object> responses = (Map<String, Object>) submit.get("responses");
        assertThat(responses.entrySet()).filteredOn(e -> e.getKey().startsWith("2")).isNotEmpty()
                .allSatisfy(e -> assertThat((Map<String, Object>) ((Map<String, Object>) e.getValue()).get("headers"))
                        .containsKey(ReadModels.HEADER));
        Map<String, Object> read = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/projects")).get("get");
        assertThat(((Map<String, Object>) ((Map<String, Object>) read.get("responses")).get("200")).get("headers")).isNull();
    }

    private String submitIdea(String carrier, String sme, String title) {
        ResponseEntity<Map<String, Object>> created = ideaOf(carrier, sme, title);
        String projectId = (String) created.getBody().get("id");
        readBack("idea", carrier, projectId, created, p -> title.equals(p.get("title")));
        return projectId;
    }

    /** The write succeeded; the very next read shows it, unless the write answered that it was still pending. */
    private void readBack(String what, String reader, String projectId, ResponseEntity<Map<String, Object>> write,
                          Predicate<Map<String, Object>> shows) {
        assertThat(write.getStatusCode().is2xxSuccessful()).as("%s on %s: %s", what, projectId, write.getBody()).isTrue();
        writes.incrementAndGet();
        boolean saidPending = ReadModels.PENDING.equals(write.getHeaders().getFirst(ReadModels.HEADER));
        if (saidPending) {
            pending.incrementAndGet();
        }
        ResponseEntity<Map<String, Object>> read = get(reader, "/api/projects/" + projectId);
        if (!saidPending && (read.getStatusCode().value() != 200 || !shows.test(read.getBody()))) {
            staleReads.add(what + " on " + projectId + ": " + read.getStatusCode().value() + " " + read.getBody());
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean ndaSigned(Map<String, Object> project, String organisationId) {
        return ((List<Map<String, Object>>) project.get("partners")).stream()
                .anyMatch(p -> organisationId.equals(p.get("organisationId")) && p.get("ndaSignedAt") != null);
    }

    @SuppressWarnings("unchecked")
    private static boolean partner(Map<String, Object> project, String organisationId, String status) {
        return ((List<Map<String, Object>>) project.get("partners")).stream()
                .anyMatch(p -> organisationId.equals(p.get("organisationId")) && status.equals(p.get("status")));
    }
}
