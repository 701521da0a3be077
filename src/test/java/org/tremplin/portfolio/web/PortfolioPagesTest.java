package org.tremplin.portfolio.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
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
import org.tremplin.project.api.FindHistoricalProjectQuery;
import org.tremplin.project.api.FindPortfolioPageQuery;
import org.tremplin.project.api.HistoricalProjectView;
import org.tremplin.project.api.PortfolioPage;
import org.tremplin.shared.Roles;
import org.tremplin.support.ConsolePageTestSupport;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The imported portfolio shown to staff as imported history (the staff home's panel, the list, a historical project's
 * page, an organisation's projects with its role), hidden from every other role, kept apart from the projects run in
 * Tremplin, and how the exports carry it. On the slice of the real files that {@code PortfolioImportTest} uses (13
 * projects, 159 partner rows), in an application context of its own so that its organisations stay out of the shared
 * one.
 */
@TestPropertySource(properties = {"tremplin.import.batch-size=4", "tremplin.import.test-context=portfolio-pages"})
class PortfolioPagesTest extends ConsolePageTestSupport {

    static final String GEODENERGIES = "ANR-10-IEED-0008";
    /** The slice's allocated aid, summed by hand from projets.csv (three projects have 0, "not filled in"). */
    static final BigDecimal TOTAL_AID = new BigDecimal("15423000").add(new BigDecimal("7274998.80"))
            .add(new BigDecimal("7769997")).add(new BigDecimal("9740615")).add(new BigDecimal("4150000"))
            .add(new BigDecimal("10510011")).add(new BigDecimal("8010554")).add(new BigDecimal("7000000"))
            .add(new BigDecimal("7577334")).add(new BigDecimal("15384886"));

    @Autowired
    QueryGateway queries;

    private String runId;

    /** Before each test: the slice imported (the first time) or found imported (then the same run, nothing stored). */
    @BeforeEach
    void importTheSlice() throws IOException {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("projets", file("projets.csv"));
        parts.add("partenaires", file("partenaires.csv"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<Map<String, Object>> answer = http.withBasicAuth(STAFF, PASSWORD).exchange("/api/imports/anr?wait=true",
                HttpMethod.POST, new HttpEntity<>(parts, headers), new ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        runId = (String) answer.getBody().get("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> lines(null, null, null, 0, 50).total() == 13
                && queries.query(new FindHistoricalProjectQuery(GEODENERGIES),
                ResponseTypes.optionalInstanceOf(HistoricalProjectView.class)).join().isPresent());
    }

    private static ByteArrayResource file(String name) throws IOException {
        byte[] bytes = new ClassPathResource("import/anr-slice/" + name).getContentAsByteArray();
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    private PortfolioPage lines(String programme, Integer edition, String organisationId, int offset, int limit) {
        return queries.query(new FindPortfolioPageQuery(programme, edition, organisationId, offset, limit),
                ResponseTypes.instanceOf(PortfolioPage.class)).join();
    }

    private String brgm() {
        return queries.query(new FindHistoricalProjectQuery(GEODENERGIES), ResponseTypes.optionalInstanceOf(HistoricalProjectView.class))
                .join().orElseThrow().coordinatorOrganisationId();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_summary_counts_the_imported_projects_by_programme_and_edition_with_their_total_aid() {
        ResponseEntity<Map<String, Object>> summary = get(STAFF, "/api/portfolio/summary");
        assertThat(summary.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> body = summary.getBody();
        assertThat(((Number) body.get("projects")).longValue()).isEqualTo(13);
        assertThat(new BigDecimal(String.valueOf(body.get("totalAid")))).isEqualByComparingTo(TOTAL_AID);
        assertThat(((Number) body.get("aidNotFilled")).longValue()).isEqualTo(3);
        List<Map<String, Object>> programmes = (List<Map<String, Object>>) body.get("byProgramme");
        assertThat(programmes.get(0)).containsEntry("key", "ESRE").containsEntry("projects", 3);
        assertThat(new BigDecimal(String.valueOf(programmes.get(0).get("aid"))))
                .isEqualByComparingTo(new BigDecimal("30467995.80"));
        List<Map<String, Object>> editions = (List<Map<String, Object>>) body.get("byEdition");
        assertThat(editions).extracting(e -> e.get("key")).containsExactly("2022", "2021", "2018", "2015", "2011", "2010");
        assertThat(editions).extracting(e -> e.get("projects")).containsExactly(2, 4, 2, 2, 1, 2);
        // ONERA's three spellings, BRGM / BRGM SA... are one organisation each; "Non renseigné" is none
        assertThat(((Number) body.get("organisations")).longValue()).isPositive()
                .isLessThan(159);
    }

    @Test
    void the_list_pages_and_filters_by_programme_edition_and_organisation_with_its_role() {
        PortfolioPage all = lines(null, null, null, 0, 5);
        assertThat(all.total()).isEqualTo(13);
        assertThat(all.lines()).extracting(PortfolioPage.Line::id)
                .containsExactly("ANR-22-PETQ-0009", "ANR-22-PETQ-0010", "ANR-21-ESRE-0008", "ANR-21-ESRE-0043", "ANR-21-ESRE-0044");
        assertThat(lines(null, null, null, 10, 5).lines()).extracting(PortfolioPage.Line::id)
                .containsExactly("ANR-11-IDFI-0020", "ANR-10-IEED-0008", "ANR-10-LABX-0056");
        assertThat(lines("ESRE", null, null, 0, 50).total()).isEqualTo(3);
        assertThat(lines(null, 2010, null, 0, 50).lines()).extracting(PortfolioPage.Line::id)
                .containsExactly(GEODENERGIES, "ANR-10-LABX-0056");
        assertThat(lines(null, null, null, 0, 50).lines()).allMatch(l -> l.role() == null);

        PortfolioPage geo = lines(null, 2010, null, 0, 50);
        assertThat(geo.lines().get(0).partnerCount()).isEqualTo(85);
        assertThat(geo.lines().get(0).coordinatorName()).isEqualTo("BRGM");

        // BRGM: coordinator of GEODENERGIES, partner of two others (one spelled "BRGM SA", merged)
        PortfolioPage brgm = lines(null, null, brgm(), 0, 50);
        assertThat(brgm.lines()).extracting(l -> l.id() + " " + l.role())
                .containsExactlyInAnyOrder("ANR-21-ESRE-0043 PARTNER", "ANR-15-CRNT-0005 PARTNER", GEODENERGIES + " COORDINATOR");
    }

    @Test
    void the_staff_home_loads_the_portfolio_panel_and_never_counts_imported_projects_among_live_ones() throws Exception {
        page("/staff", STAFF, Roles.POLE_STAFF).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("hx-get=\"/portfolio/panel\""),
                        containsString("Portfolio (imported history)"), not(containsString("GEODENERGIES")))));
        page("/portfolio/panel", STAFF, Roles.POLE_STAFF).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Imported from the ANR open data"),
                        containsString("13 imported projects"), containsString("(3 projects with aid not filled in)"),
                        containsString("href=\"/portfolio?programme=ESRE\""), containsString("href=\"/portfolio?edition=2021\""),
                        containsString("href=\"/portfolio\""))));
        // the list of projects run in Tremplin shows none of them
        page("/projects", STAFF, Roles.POLE_STAFF).andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("GEODENERGIES")), not(containsString("ANR-10-IEED")))));
    }

    @Test
    void the_list_page_shows_imported_projects_filtered_and_an_organisations_projects_with_its_role() throws Exception {
        page("/portfolio", STAFF, Roles.POLE_STAFF).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Portfolio (imported history)"),
                        containsString("Imported from the ANR open data"), containsString("GEODENERGIES"),
                        containsString("href=\"/portfolio/ANR-10-IEED-0008\""), containsString("Licence Ouverte"),
                        containsString("not filled in"))));
        page("/portfolio?programme=ESRE", STAFF, Roles.POLE_STAFF).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("ANVOLE"), containsString("IMAGINE2"),
                        containsString("F-CELT"), not(containsString("GEODENERGIES")))));
        page("/portfolio?organisationId=" + brgm(), STAFF, Roles.POLE_STAFF).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Imported projects of BRGM, with its role"),
                        containsString("GEODENERGIES"), containsString(">coordinator<"), containsString(">partner<"),
                        containsString("ENERGICS"), not(containsString("ANVOLE")))));
    }

    @Test
    void a_historical_projects_page_shows_its_partners_coordinator_aid_and_provenance() throws Exception {
        page("/portfolio/" + GEODENERGIES, STAFF, Roles.POLE_STAFF).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("GEODENERGIES"), containsString("imported history"),
                        containsString("Partners (85)"), containsString("class=\"coordinator\""),
                        containsString("Imported from projets.csv row 14 by run " + runId),
                        containsString("href=\"/imports?id=" + runId + "\""),
                        containsString("href=\"/audit/projects/ANR-10-IEED-0008\""),
                        containsString("split among the partners is not published"),
                        containsString("href=\"/portfolio?organisationId=" + brgm() + "\""))));
        page("/portfolio/ANR-00-NONE-0000", STAFF, Roles.POLE_STAFF).andExpect(status().isNotFound());
    }

    @Test
    void the_pages_read_in_french_with_their_apostrophes() throws Exception {
        mvc.perform(as(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/portfolio/panel")
                        .header("Accept-Language", "fr"), STAFF, Roles.POLE_STAFF))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("13 projets importés"),
                        containsString("d&#39;aide ANR allouée (3 projets à l&#39;aide non renseignée)"))));
        mvc.perform(as(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/portfolio/" + GEODENERGIES)
                        .header("Accept-Language", "fr"), STAFF, Roles.POLE_STAFF))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("historique importé"),
                        containsString("Importé de projets.csv ligne 14 par l&#39;import " + runId))));
        // the import's report too (its apostrophes were lost before)
        mvc.perform(as(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/imports?id=" + runId)
                        .header("Accept-Language", "fr"), STAFF, Roles.POLE_STAFF))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("10 inscrites aux registres d&#39;aides d&#39;État")));
    }

    @Test
    void only_pole_staff_administrators_and_auditors_see_the_portfolio_pages() throws Exception {
        for (String path : List.of("/portfolio", "/portfolio/panel", "/portfolio/" + GEODENERGIES)) {
            page(path, "admin.page", Roles.ADMIN).andExpect(status().isOk());
            page(path, "auditor.page", Roles.AUDITOR).andExpect(status().isOk());
            for (String role : List.of(Roles.CARRIER, Roles.REVIEWER, Roles.FUNDER, Roles.INVESTOR)) {
                page(path, role + ".page", role).andExpect(status().isNotFound());
            }
        }
        assertThat(get(newUser("carrier", Roles.CARRIER), "/api/portfolio/summary").getStatusCode().value()).isEqualTo(403);
        assertThat(get(newUser("auditor", Roles.AUDITOR), "/api/portfolio/summary").getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/api/portfolio/summary", String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void the_timeline_exports_carry_the_imported_events_and_the_360giving_export_says_why_it_leaves_them_out() {
        ResponseEntity<String> cloudEvents = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/projects/" + GEODENERGIES + "/history/export?format=cloudevents", String.class);
        assertThat(cloudEvents.getStatusCode().value()).as(cloudEvents.getBody()).isEqualTo(200);
        // one CloudEvent per imported fact, its own type, its provenance (file, row, run) in its data
        List<String> imported = cloudEvents.getBody().lines().filter(l -> l.contains("Imported")).toList();
        assertThat(imported).hasSize(2);
        assertThat(imported.get(0)).contains("\"type\":\"org.tremplin.project.HistoricalProjectImportedEvent.v1\"",
                "\"importRunId\":\"" + runId + "\",\"sourceFile\":\"projets.csv\",\"sourceRow\":14");
        assertThat(imported.get(1)).contains("\"type\":\"org.tremplin.funding.HistoricalStateAidImportedEvent.v1\"",
                "\"sourceFile\":\"projets.csv\",\"sourceRow\":14", "the split among partners is not published");
        ResponseEntity<String> csv = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/projects/" + GEODENERGIES + "/history/export?format=csv", String.class);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        List<String> importedRows = csv.getBody().lines().filter(l -> l.contains("Imported history")).toList();
        assertThat(importedRows).hasSize(2);
        assertThat(importedRows.get(0)).contains("HistoricalProjectImportedEvent", "projets.csv row 14", runId);
        assertThat(importedRows.get(1)).contains("HistoricalStateAidImportedEvent", "before Tremplin");

        ResponseEntity<Map<String, Object>> grants = get(STAFF, "/api/audit/grants/360giving?projectId=" + GEODENERGIES);
        assertProblem(grants, 404, "imported history", "not in the 360Giving export");
        // a period holding every start date of the slice: no grant decided in Tremplin, none invented from the import
        ResponseEntity<Map<String, Object>> period = get(STAFF, "/api/audit/grants/360giving?from=2000-01-01&to=2030-12-31");
        assertProblem(period, 404, "No grant was decided");
    }
}
