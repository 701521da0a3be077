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
import org.tremplin.support.ConsolePageTestSupport;

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
 * The ANR portfolio import on a slice of the real files (13 projects, 159 partner rows): organisations merged and
 * mapped, historical projects and their aid, idempotence, a crash then resume, malformed files and rows, access rules.
 * Own application context (a batch size of 4 rows), so that its organisations stay out of the shared one.
 */
@TestPropertySource(properties = "tremplin.import.batch-size=4")
class PortfolioImportTest extends ConsolePageTestSupport {

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

    private org.tremplin.funding.api.FundingSummaryView funding(String projectId) {
        return queries.query(new org.tremplin.funding.api.FindFundingSummaryQuery(projectId),
                ResponseTypes.instanceOf(org.tremplin.funding.api.FundingSummaryView.class)).join();
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
    @SuppressWarnings("unchecked")
    void the_slice_is_imported_with_merged_organisations_mapped_kinds_unknowns_kept_and_aid_on_the_ledgers() throws IOException {
        long processesBefore = processEngine.getRuntimeService().createProcessInstanceQuery().count();
        ResponseEntity<Map<String, Object>> answer = upload(STAFF, slice("projets.csv"), slice("partenaires.csv"));
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        String runId = (String) answer.getBody().get("id");
        assertThat(runId).startsWith("IMPORT-");
        Map<String, Object> report = (Map<String, Object>) answer.getBody().get("run");
        assertThat(report.get("status")).isEqualTo("COMPLETED");
        assertThat(report.get("rowsDone")).isEqualTo(13);
        Map<String, Object> counts = (Map<String, Object>) report.get("counts");
        assertThat(counts.get("projectsCreated")).as(String.valueOf(report)).isEqualTo(13);
        assertThat(counts.get("rowsRefused")).isEqualTo(0);
        // 2022 projects and ANR-21-SFRI-0001 have aid 0: nothing on a ledger for them
        assertThat(counts.get("aidNotFilled")).isEqualTo(3);
        assertThat(counts.get("aidRecorded")).isEqualTo(10);
        assertThat(counts.get("partnerRowsUnknown")).isEqualTo(2);

        // merges: ONERA spelled three ways (one with a typing slip), BRGM / BRGM SA, METEO-FRANCE / Météo France
        List<Map<String, Object>> merges = (List<Map<String, Object>>) report.get("merges");
        Map<String, String> mergedInto = merges.stream().collect(Collectors.toMap(m -> (String) m.get("mergedName"),
                m -> (String) m.get("keptName")));
        // (each ONERA spelling has one row here: the first met is kept; on the full file the most frequent one is)
        assertThat(mergedInto).containsEntry("Office National d'Etudes et de Recherches Aérospatiales",
                        "Office National d'Etudes et de Recheches Aérospatiales")
                .containsEntry("Office National Etudes Recherches Aerospatiale", "Office National d'Etudes et de Recheches Aérospatiales")
                .containsEntry("BRGM SA", "BRGM")
                .hasSize(4);
        assertThat(merges.stream().filter(m -> ((String) m.get("keptName")).startsWith("Office National"))
                .map(m -> m.get("organisationId")).distinct()).hasSize(1);
        assertThat(mergedInto.get("METEO-FRANCE") == null ? mergedInto.get("Météo France") : mergedInto.get("METEO-FRANCE"))
                .isIn("METEO-FRANCE", "Météo France");
        assertThat(merges).allSatisfy(m -> assertThat((String) m.get("reason")).startsWith("same "));
        assertThat(merges.stream().filter(m -> m.get("mergedName").equals("BRGM SA")).findFirst().orElseThrow().get("reason"))
                .asString().contains("legal form");
        assertThat(merges.stream().filter(m -> ((String) m.get("mergedName")).contains("Recherches Aérospatiales")).findFirst()
                .orElseThrow().get("reason")).asString().contains("typing slip");

        // the project with 85 partners, its coordinator, its aid, its start date from the spreadsheet day number
        HistoricalProjectView geodenergies = awaitProject("ANR-10-IEED-0008");
        assertThat(geodenergies.partners()).hasSize(85);
        assertThat(geodenergies.imported()).isTrue();
        assertThat(geodenergies.acronym()).isEqualTo("GEODENERGIES");
        assertThat(geodenergies.programme()).isEqualTo("IEED");
        assertThat(geodenergies.edition()).isEqualTo(2010);
        assertThat(geodenergies.startDate()).isEqualTo(LocalDate.of(2015, 9, 1));
        assertThat(geodenergies.allocatedAid()).isEqualByComparingTo("15384886");
        assertThat(geodenergies.sourceFile()).isEqualTo("projets.csv");
        assertThat(geodenergies.importRunId()).isEqualTo(runId);
        HistoricalPartner coordinator = geodenergies.partners().stream().filter(HistoricalPartner::coordinator)
                .findFirst().orElseThrow();
        assertThat(coordinator.organisationId()).isEqualTo(geodenergies.coordinatorOrganisationId()).isNotNull();
        // the same university under several partner codes is one organisation
        assertThat(geodenergies.partners().stream().filter(p -> "Université de Lorraine".equals(p.name()))
                .map(HistoricalPartner::organisationId).distinct()).hasSize(1);
        // decimal aid kept to the cent
        assertThat(awaitProject("ANR-21-ESRE-0043").allocatedAid()).isEqualByComparingTo("7274998.80");

        // organisations: kinds from the ANR categories, unknowns kept unknown, no headcount invented
        String oneraId = awaitProject("ANR-21-ESRE-0008").partners().stream()
                .filter(p -> p.name().startsWith("Office National")).findFirst().orElseThrow().organisationId();
        OrganisationView onera = organisation(oneraId);
        assertThat(onera.name()).isEqualTo("Office National d'Etudes et de Recheches Aérospatiales");
        assertThat(onera.kind()).isEqualTo(OrganisationKind.RESEARCH_LAB);
        assertThat(onera.headcountKnown()).isFalse();
        assertThat(onera.provenance()).contains("partenaires.csv row", runId);
        assertThat(onera.competences()).isEmpty();
        HistoricalProjectView audition = awaitProject("ANR-18-RHUS-0007");
        Map<String, OrganisationKind> kinds = audition.partners().stream()
                .collect(Collectors.toMap(HistoricalPartner::name, HistoricalPartner::kind));
        assertThat(kinds).containsEntry("SENSORION", OrganisationKind.COMPANY)
                .containsEntry("Institut Pasteur", OrganisationKind.OTHER)
                .containsEntry("AP-HP", OrganisationKind.OTHER);
        HistoricalPartner bazacle = awaitProject("ANR-11-IDFI-0020").partners().stream()
                .filter(p -> p.name().equals("Cercle du Bazacle")).findFirst().orElseThrow();
        assertThat(bazacle.kind()).isEqualTo(OrganisationKind.UNKNOWN);
        assertThat(organisation(bazacle.organisationId()).kind()).isEqualTo(OrganisationKind.UNKNOWN);
        // "Non renseigné": a partner row without an organisation, never a body called "Non renseigné"
        HistoricalProjectView unnamed = awaitProject("ANR-22-PETQ-0010");
        assertThat(unnamed.partners()).singleElement().satisfies(p -> {
            assertThat(p.organisationId()).isNull();
            assertThat(p.name()).isNull();
            assertThat(p.kind()).isEqualTo(OrganisationKind.UNKNOWN);
            assertThat(p.region()).isNull();
        });
        assertThat(unnamed.startDate()).isNull();
        assertThat(unnamed.allocatedAid()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM organisation WHERE LOWER(name) LIKE 'non renseign%'", Long.class))
                .isZero();

        // aid on the coordinator's state-aid ledger, as imported history; none for aid 0
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE "
                + "'%.HistoricalStateAidImportedEvent' AND aggregateIdentifier NOT LIKE 'AID-ANR-99-%'", Long.class))
                .isEqualTo(10);
        String ledger = "AID-ANR-10-IEED-0008-" + geodenergies.coordinatorOrganisationId();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class,
                ledger)).isEqualTo(1);
        // the funding view of the project shows that aid on the coordinator's ledger, as imported history
        await().atMost(Duration.ofSeconds(10)).until(() -> !funding("ANR-10-IEED-0008").stateAid().isEmpty());
        org.tremplin.funding.api.FundingSummaryView funding = funding("ANR-10-IEED-0008");
        assertThat(funding.stateAid()).singleElement().satisfies(aid -> {
            assertThat(aid.ledgerId()).isEqualTo(ledger);
            assertThat(aid.totalAid()).isEqualByComparingTo("15384886");
            assertThat(aid.overCeiling()).isFalse();
            assertThat(aid.aids()).singleElement().satisfies(line -> {
                assertThat(line.applicationId()).isEqualTo("imported history: projets.csv row 14");
                assertThat(line.funderId()).isEqualTo("ANR (imported history)");
                assertThat(line.justification()).startsWith("Imported history (run " + runId + "): aid the ANR allocated");
            });
        });
        assertThat(funding.funders()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE 'AID-ANR-22-PETQ-0010-%'",
                Long.class)).isZero();
        // no process started, no project of the lifecycle's read model
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(processesBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM project WHERE id LIKE 'ANR-%'", Long.class)).isZero();

        // the project's history reads as imported history
        ResponseEntity<String> history = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/projects/ANR-10-IEED-0008/history", String.class);
        assertThat(history.getStatusCode().value()).as(history.getBody()).isEqualTo(200);
        assertThat(history.getBody()).contains("Imported history: ANR", "GEODENERGIES", "85 partners",
                "Imported history: state aid of", "before Tremplin");

        // importing the same files again changes nothing
        long before = events();
        ResponseEntity<Map<String, Object>> again = upload(STAFF, slice("projets.csv"), slice("partenaires.csv"));
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().get("id")).isEqualTo(runId);
        assertThat(again.getBody().get("outcome")).isEqualTo("ALREADY_COMPLETED");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_newer_export_of_projects_already_imported_stores_no_project_organisation_or_aid_again() throws IOException {
        upload(STAFF, slice("projets.csv"), slice("partenaires.csv"));
        // the same rows with one title changed: other files (another run), the same decision codes
        byte[] newer = new String(slice("projets.csv"), StandardCharsets.UTF_8)
                .replace("Géotechnologies pour décarboner les énergies", "Géotechnologies pour décarboner l'énergie")
                .getBytes(StandardCharsets.UTF_8);
        long before = events();
        ResponseEntity<Map<String, Object>> answer = upload(STAFF, newer, slice("partenaires.csv"));
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().get("outcome")).isEqualTo("STARTED");
        Map<String, Object> counts = (Map<String, Object>) ((Map<String, Object>) answer.getBody().get("run")).get("counts");
        assertThat(counts.get("projectsCreated")).isEqualTo(0);
        assertThat(counts.get("projectsSkipped")).isEqualTo(13);
        assertThat(counts.get("organisationsCreated")).isEqualTo(0);
        assertThat(counts.get("aidRecorded")).isEqualTo(0);
        // only the new run's own events: started, 4 batches of at most 4 rows, completed
        assertThat(events() - before).isEqualTo(6);
        assertThat(awaitProject("ANR-10-IEED-0008").title()).isEqualTo("Géotechnologies pour décarboner les énergies");
    }

    @Test
    @SuppressWarnings("unchecked")
    void malformed_files_are_refused_whole_and_malformed_rows_are_reported_with_nothing_stored_for_them() throws IOException {
        long before = events();
        // a missing column
        ResponseEntity<Map<String, Object>> missing = upload(STAFF,
                "Projet.Code_Decision_ANR,Projet.Date_debut\nANR-10-IEED-0001,40000\n".getBytes(StandardCharsets.UTF_8),
                slice("partenaires.csv"));
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat((String) missing.getBody().get("detail")).contains("projets.csv lacks the columns", "Projet.Aide_allouee");
        // not UTF-8 (Latin-1 bytes)
        byte[] latin1 = new String(slice("projets.csv"), StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        ResponseEntity<Map<String, Object>> encoding = upload(STAFF, latin1, slice("partenaires.csv"));
        assertThat(encoding.getStatusCode().value()).isEqualTo(400);
        assertThat((String) encoding.getBody().get("detail")).contains("projets.csv is not UTF-8");
        assertThat(events()).isEqualTo(before);

        // malformed rows: a bad date, a negative aid, a bad coordinator flag, a partner row of no project
        String header = "Projet.Code_Decision_ANR,Projet.Date_debut,Action.Edition,Action.Titre.Francais,Projet.Acronyme,"
                + "Projet.Titre.Francais,Projet.Resume.Francais,Projet.Aide_allouee\n";
        String projects = header
                + "ANR-99-TEST-0001,44440,2021,TEST,GOOD,A good row,,1000\n"
                + "ANR-99-TEST-0002,yesterday,2021,TEST,BADDATE,A bad date,,1000\n"
                + "ANR-99-TEST-0003,44440,2021,TEST,BADAID,A negative aid,,-5\n"
                + "ANR-99-TEST-0004,44440,2021,TEST,BADFLAG,A bad coordinator flag,,1000\n";
        String partners = "Projet.Code_Decision_ANR,Action.Edition,Projet.Acronyme,Projet.Partenaire.Code_Decision_ANR,"
                + "Projet.Partenaire.Est_coordinateur,Projet.Partenaire.Nom_organisme,Projet.Partenaire.Categorie_organisme,"
                + "Projet.Partenaire.Adresse.Ville,Projet.Partenaire.Adresse.Region,Projet.Partenaire.Adresse.Pays\n"
                + "ANR-99-TEST-0001,2021,GOOD,ANR-99-TEST-0001-01,1,Testlab Zeta Unique,Organismes de type EPST,Lyon,Auvergne-Rhône-Alpes,France\n"
                + "ANR-99-TEST-0004,2021,BADFLAG,ANR-99-TEST-0004-01,yes,Testco Omega Unique,Entreprises Privées,Lyon,Auvergne-Rhône-Alpes,France\n"
                + "ANR-99-TEST-0009,2021,ORPHAN,ANR-99-TEST-0009-01,1,Testco Orphan Unique,Entreprises Privées,Lyon,Auvergne-Rhône-Alpes,France\n";
        ResponseEntity<Map<String, Object>> answer = upload(STAFF, projects.getBytes(StandardCharsets.UTF_8),
                partners.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        Map<String, Object> report = (Map<String, Object>) answer.getBody().get("run");
        assertThat(((Map<String, Object>) report.get("counts")).get("projectsCreated")).isEqualTo(1);
        List<Map<String, Object>> refusals = (List<Map<String, Object>>) report.get("refusals");
        assertThat(refusals).extracting(r -> r.get("sourceFile") + ":" + r.get("sourceRow"))
                .containsExactlyInAnyOrder("projets.csv:3", "projets.csv:4", "projets.csv:5", "partenaires.csv:4");
        assertThat(refusals).extracting(r -> (String) r.get("reason")).anySatisfy(r -> assertThat(r).contains("start date 'yesterday'"))
                .anySatisfy(r -> assertThat(r).contains("allocated aid '-5'"))
                .anySatisfy(r -> assertThat(r).contains("partenaires.csv row 3", "coordinator flag 'yes'"))
                .anySatisfy(r -> assertThat(r).contains("ANR-99-TEST-0009 is not in projets.csv"));
        // nothing half-stored for the refused rows: no project, no organisation of the bad row
        assertThat(project("ANR-99-TEST-0001")).isPresent();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier IN "
                + "('ANR-99-TEST-0002', 'ANR-99-TEST-0003', 'ANR-99-TEST-0004', 'OTHER-ANR-99-TEST-0004-01', "
                + "'OTHER-ANR-99-TEST-0009-01')", Long.class)).isZero();
    }

    @Test
    void the_console_page_lists_the_runs_with_their_report_for_staff_and_is_not_found_for_others() throws Exception {
        ResponseEntity<Map<String, Object>> answer = upload(STAFF, slice("projets.csv"), slice("partenaires.csv"));
        String runId = (String) answer.getBody().get("id");
        page("/imports", STAFF, Roles.POLE_STAFF)
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("Import the ANR portfolio"),
                                org.hamcrest.Matchers.containsString(runId))));
        page("/imports?id=" + runId, STAFF, Roles.POLE_STAFF)
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("13 / 13 project rows"),
                                org.hamcrest.Matchers.containsString("BRGM SA"),
                                org.hamcrest.Matchers.containsString("data-status=\"COMPLETED\""))));
        page("/imports", "carrier.page", Roles.CARRIER)
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isNotFound());
    }

    @Test
    void only_pole_staff_and_administrators_import_and_auditors_only_read_the_runs() {
        String carrier = newUser("carrier", Roles.CARRIER);
        String auditor = newUser("auditor", Roles.AUDITOR);
        String admin = newUser("admin", Roles.ADMIN);
        for (String user : List.of(carrier, auditor)) {
            assertThat(http.withBasicAuth(user, PASSWORD).postForEntity("/api/imports/anr?source=bundled", null, String.class)
                    .getStatusCode().value()).isEqualTo(403);
        }
        assertThat(http.withBasicAuth(carrier, PASSWORD).getForEntity("/api/imports", String.class).getStatusCode().value())
                .isEqualTo(403);
        assertThat(http.withBasicAuth(auditor, PASSWORD).getForEntity("/api/imports", String.class).getStatusCode().value())
                .isEqualTo(200);
        assertThat(http.postForEntity("/api/imports/anr?source=bundled", null, String.class).getStatusCode().value())
                .isEqualTo(401);
        assertThat(http.withBasicAuth(admin, PASSWORD).getForEntity("/api/imports", String.class).getStatusCode().value())
                .isEqualTo(200);
        ResponseEntity<String> noSource = http.withBasicAuth(STAFF, PASSWORD).postForEntity("/api/imports/anr", null, String.class);
        assertThat(noSource.getStatusCode().value()).isEqualTo(400);
        assertThat(noSource.getBody()).contains("?source=bundled");
        assertThat(http.withBasicAuth(STAFF, PASSWORD).getForEntity("/api/imports/IMPORT-0MISSING0", String.class)
                .getStatusCode().value()).isEqualTo(404);
    }
}
