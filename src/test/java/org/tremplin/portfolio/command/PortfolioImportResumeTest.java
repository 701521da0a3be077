package org.tremplin.portfolio.command;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.portfolio.api.FindImportRunQuery;
import org.tremplin.portfolio.api.ImportRunView;
import org.tremplin.project.api.FindHistoricalProjectQuery;
import org.tremplin.project.api.HistoricalPartner;
import org.tremplin.project.api.HistoricalProjectView;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The ANR portfolio import stopped after its first batch (as if the JVM died), then started again on the same files:
 * it resumes after the rows done and stores every row once. Own application context (its database starts empty).
 */
@TestPropertySource(properties = {"tremplin.import.batch-size=4", "tremplin.import.test-context=resume"})
class PortfolioImportResumeTest extends ApiTestSupport {

    static final String SLICE = "import/anr-slice/";
    static final String ONERA = "Office National d'Etudes et de Recherches Aérospatiales";

    @Autowired
    PortfolioImport portfolioImport;
    @Autowired
    QueryGateway queries;

    static byte[] slice(String file) throws IOException {
        return new ClassPathResource(SLICE + file).getContentAsByteArray();
    }

    private ResponseEntity<Map<String, Object>> upload(String user, byte[] projects, byte[] partners) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("projets", new ByteArrayResource(projects) {
            @Override
            public String getFilename() {
                return "projets.csv";
            }
        });
        parts.add("partenaires", new ByteArrayResource(partners) {
            @Override
            public String getFilename() {
                return "partenaires.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var template = user == null ? http : http.withBasicAuth(user, PASSWORD);
        return template.exchange("/api/imports/anr?wait=true", HttpMethod.POST, new HttpEntity<>(parts, headers),
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                });
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private long eventsOfType(String simpleName) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE ?", Long.class,
                "%." + simpleName);
    }

    private Optional<HistoricalProjectView> project(String code) {
        return queries.query(new FindHistoricalProjectQuery(code), ResponseTypes.optionalInstanceOf(HistoricalProjectView.class)).join();
    }

    private OrganisationView organisation(String id) {
        return queries.query(new FindOrganisationQuery(id), ResponseTypes.optionalInstanceOf(OrganisationView.class))
                .join().orElseThrow();
    }

    private ImportRunView run(String id) {
        return queries.query(new FindImportRunQuery(id), ResponseTypes.optionalInstanceOf(ImportRunView.class)).join().orElseThrow();
    }

    private HistoricalProjectView awaitProject(String code) {
        await().atMost(Duration.ofSeconds(10)).until(() -> project(code).isPresent());
        return project(code).orElseThrow();
    }

    @Test
    void a_run_stopped_mid_import_resumes_after_the_rows_done_and_stores_every_row_once() throws IOException {
        // a different file (the slice without its last project) so that the run is a new one
        String projects = new String(slice("projets.csv"), StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(projects.split("\n"));
        String lastCode = lines.get(lines.size() - 1).split(",")[0];
        byte[] shorter = (String.join("\n", lines.subList(0, lines.size() - 1)) + "\n").getBytes(StandardCharsets.UTF_8);
        String partners = Arrays.stream(new String(slice("partenaires.csv"), StandardCharsets.UTF_8).split("\n"))
                .filter(line -> !line.startsWith(lastCode + ",")).collect(Collectors.joining("\n", "", "\n"));
        // a member registered in Tremplin before the import, its name spelled otherwise than in the files
        String pasteur = newOrganisation("INSTITUT PASTEUR", "OTHER", null);
        portfolioImport.crashAfterRows(4);
        PortfolioImport.Started first;
        try {
            first = portfolioImport.importFiles(shorter, partners.getBytes(StandardCharsets.UTF_8), "test: crash", true);
        } finally {
            portfolioImport.crashAfterRows(-1);
        }
        assertThat(first.outcome()).isEqualTo(PortfolioImport.Outcome.STARTED);
        long batchesAfterCrash = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%ImportBatchRecordedEvent'", Long.class, first.runId());
        assertThat(batchesAfterCrash).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%ImportRunCompletedEvent'", Long.class, first.runId())).isZero();

        PortfolioImport.Started resumed = portfolioImport.importFiles(shorter, partners.getBytes(StandardCharsets.UTF_8),
                "test: crash", true);
        assertThat(resumed.runId()).isEqualTo(first.runId());
        assertThat(resumed.outcome()).isEqualTo(PortfolioImport.Outcome.RESUMED);
        assertThat(resumed.rowsDone()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(run(first.runId()).status()));
        ImportRunView view = run(first.runId());
        assertThat(view.rowsDone()).isEqualTo(12);
        assertThat(view.resumedAt()).isNotNull();
        // every project once: created once, in the first run or the resumed one
        assertThat(view.counts().projectsCreated()).isEqualTo(12);
        assertThat(view.counts().projectsSkipped()).isZero();
        assertThat(eventsOfType("HistoricalProjectImportedEvent")).isEqualTo(12);
        // the registered member is matched, not duplicated, and the merge report says so
        assertThat(awaitProject("ANR-18-RHUS-0007").partners()).filteredOn(p -> "Institut Pasteur".equals(p.name()))
                .singleElement().satisfies(p -> assertThat(p.organisationId()).isEqualTo(pasteur));
        assertThat(view.merges()).filteredOn(m -> m.organisationId().equals(pasteur)).singleElement()
                .satisfies(m -> assertThat(m.reason()).contains("a member already in the registry"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM organisation WHERE LOWER(name) = 'institut pasteur'",
                Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM (SELECT aggregateIdentifier FROM DomainEventEntry
                 WHERE payloadType LIKE '%HistoricalProjectImportedEvent' GROUP BY aggregateIdentifier HAVING COUNT(*) > 1) d""",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM (SELECT aggregateIdentifier FROM DomainEventEntry
                 WHERE payloadType LIKE '%OrganisationImportedEvent' GROUP BY aggregateIdentifier HAVING COUNT(*) > 1) d""",
                Long.class)).isZero();
    }

}
