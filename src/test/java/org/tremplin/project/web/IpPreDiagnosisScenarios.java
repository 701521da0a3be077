package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.api.RequestIpPreDiagnosisCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IP pre-diagnosis (issue 13) through the API: the SME asks, the IP adviser records the findings, the SME shares
 * a summary; the findings reach only the SME's users, IP advisers and auditors, the consortium and pole staff read
 * the shared summary, outsiders are told the project does not exist; the timeline names the steps, never the
 * findings. Run on H2 and PostgreSQL by the subclasses.
 */
public abstract class IpPreDiagnosisScenarios extends ApiTestSupport {

    private static final String SECRET = "Keep the fog-filter recipe secret";

    @Test
    void requested_diagnosed_shared_and_confidential() {
        ApiConsortium c = consortiumThroughApi("IP lidar", "IP Groupe SA");
        String adviser = newUser("iris", Roles.IP_ADVISER);
        String outsider = newUser("outsider", Roles.CARRIER);
        newOrganisation("Outsider SME", "SME", outsider);
        String path = "/api/projects/" + c.projectId() + "/ip-pre-diagnoses";
        String id = RequestIpPreDiagnosisCommand.idOf(c.projectId(), c.carrierOrg());

        // refusals store nothing
        assertProblem(post(c.largeUser(), path, Map.of("organisationId", c.carrierOrg())), 403, "You do not act for");
        assertProblem(post(c.largeUser(), path, Map.of("organisationId", c.largeOrg())), 400, "is not an SME");
        assertProblem(post(outsider, path, Map.of("organisationId", c.carrierOrg())), 404, "No project");
        assertProblem(post(adviser, path + "/" + c.carrierOrg() + "/findings", findings()), 404, "No IP pre-diagnosis");
        assertThat(events(id)).isEmpty();

        ResponseEntity<Map<String, Object>> asked = post(c.carrierUser(), path, Map.of("organisationId", c.carrierOrg()));
        assertThat(asked.getStatusCode().value()).as("%s", asked.getBody()).isEqualTo(201);
        assertThat(asked.getBody().get("id")).isEqualTo(id);
        assertProblem(post(c.carrierUser(), path, Map.of("organisationId", c.carrierOrg())), 409, "already asked");
        assertProblem(post(c.carrierUser(), path + "/" + c.carrierOrg() + "/summary", Map.of("summary", "x")), 409,
                "has not recorded the findings");

        // only the adviser records findings
        assertThat(post(STAFF, path + "/" + c.carrierOrg() + "/findings", findings()).getStatusCode().value()).isEqualTo(403);
        assertThat(post(c.carrierUser(), path + "/" + c.carrierOrg() + "/findings", findings()).getStatusCode().value())
                .isEqualTo(403);
        assertThat(post(adviser, path + "/" + c.carrierOrg() + "/findings", findings()).getStatusCode().value()).isEqualTo(200);

        // the findings: the SME, the adviser, auditors; not the consortium, not staff
        for (String reader : List.of(c.carrierUser(), adviser, AUDITOR)) {
            List<Map<String, Object>> seen = getList(reader, path).getBody();
            assertThat(seen).as(reader).hasSize(1);
            assertThat(seen.get(0).get("keepSecret")).as(reader).isEqualTo(SECRET);
        }
        for (String reader : List.of(c.largeUser(), c.labUser(), STAFF)) {
            assertThat(getList(reader, path).getBody()).as(reader).isEmpty();
        }
        assertThat(get(outsider, path).getStatusCode().value()).isEqualTo(404);
        assertProblem(post(c.largeUser(), path + "/" + c.carrierOrg() + "/summary", Map.of("summary", "mine")), 404,
                "No IP pre-diagnosis");

        // the SME shares a summary: the consortium and staff read it, still without the findings
        ResponseEntity<Map<String, Object>> shared = post(c.carrierUser(), path + "/" + c.carrierOrg() + "/summary",
                Map.of("summary", "We file a patent before the kick-off; the rest is background."));
        assertThat(shared.getStatusCode().value()).as("%s", shared.getBody()).isEqualTo(200);
        for (String reader : List.of(c.largeUser(), STAFF)) {
            List<Map<String, Object>> seen = getList(reader, path).getBody();
            assertThat(seen).as(reader).hasSize(1);
            assertThat(seen.get(0).get("sharedSummary")).isEqualTo("We file a patent before the kick-off; the rest is background.");
            assertThat(seen.get(0).get("keepSecret")).isNull();
            assertThat(seen.get(0).get("priorArtToCheck")).isNull();
        }
        assertThat(eventTypes(id)).containsExactly("IpPreDiagnosisRequestedEvent", "IpPreDiagnosisFindingsRecordedEvent",
                "IpPreDiagnosisSummarySharedEvent");

        // the timeline (staff, auditors) names each step, never the findings
        ResponseEntity<String> timeline = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/projects/" + c.projectId() + "/history?size=100", String.class);
        assertThat(timeline.getStatusCode().value()).isEqualTo(200);
        assertThat(timeline.getBody()).contains("asked for an IP pre-diagnosis", "findings recorded by " + adviser,
                "shared a summary of its IP pre-diagnosis");
        assertThat(timeline.getBody()).doesNotContain(SECRET, "EP 3 456 789", "The optical design");
    }

    private static Map<String, Object> findings() {
        return Map.of("priorArtToCheck", "EP 3 456 789 (fog lidar)", "fileBeforeDisclosure", "The optical design",
                "keepSecret", SECRET);
    }
}
