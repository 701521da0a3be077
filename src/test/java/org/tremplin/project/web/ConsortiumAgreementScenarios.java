package org.tremplin.project.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.tremplin.project.api.SetConsortiumAgreementTermsCommand;
import org.tremplin.shared.Roles;
import org.tremplin.support.ApiTestSupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consortium agreement (issue 13) through the API: staff publish a model, the carrier states the IP split, the
 * members sign, staff change the terms (signing reopens, the earlier signatures no longer count), everyone signs again;
 * refusals store nothing; outsiders are told the project does not exist. Run on H2 and PostgreSQL by the subclasses.
 */
public abstract class ConsortiumAgreementScenarios extends ApiTestSupport {

    /** Publishes version 1 of a new model (ids are unique: the test database is shared) and returns its id. */
    protected String publishModel() {
        String modelId = "model-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<Map<String, Object>> published = post(STAFF, "/api/consortium-agreement-models", Map.of(
                "modelId", modelId, "version", 1, "title", "Standard consortium agreement",
                "clauses", "1. Ownership follows the shares below.\n2. Exploitation per field and territory.",
                "defaultConfidentialityYears", 5));
        assertThat(published.getStatusCode().value()).as("%s", published.getBody()).isEqualTo(201);
        return modelId;
    }

    protected static Map<String, Object> partner(String organisationId, int basisPoints, boolean exclusive) {
        return Map.of("organisationId", organisationId, "ownershipShareBasisPoints", basisPoints,
                "exploitationRights", List.of(Map.of("fieldOfUse", "Rail lidar " + organisationId, "territory", "Europe",
                        "exclusive", exclusive)),
                "backgroundAccess", "FAIR_CONDITIONS");
    }

    protected static Map<String, Object> terms(String modelId, ApiConsortium c, int carrier, int large, int lab) {
        return Map.of("modelId", modelId, "modelVersion", 1, "partners", List.of(partner(c.carrierOrg(), carrier, true),
                partner(c.largeOrg(), large, false), partner(c.labOrg(), lab, false)));
    }

    protected ResponseEntity<Map<String, Object>> sign(String user, String projectId, String organisationId, int version) {
        return post(user, "/api/projects/" + projectId + "/consortium-agreement/signatures",
                Map.of("organisationId", organisationId, "agreementVersion", version));
    }

    protected void signedByAll(ApiConsortium c, int version) {
        for (String[] who : List.of(new String[]{c.carrierUser(), c.carrierOrg()}, new String[]{c.largeUser(), c.largeOrg()},
                new String[]{c.labUser(), c.labOrg()})) {
            ResponseEntity<Map<String, Object>> signed = sign(who[0], c.projectId(), who[1], version);
            assertThat(signed.getStatusCode().value()).as("%s", signed.getBody()).isEqualTo(201);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void agreement_signed_changed_and_signed_again() {
        ApiConsortium c = consortiumThroughApi("IP split lidar", "Agreement Groupe SA");
        String outsider = newUser("outsider", Roles.CARRIER);
        newOrganisation("Outsider Agreement SME", "SME", outsider);
        String path = "/api/projects/" + c.projectId() + "/consortium-agreement";
        String id = SetConsortiumAgreementTermsCommand.idOf(c.projectId());
        String modelId = publishModel();
        assertThat(getList(c.carrierUser(), "/api/consortium-agreement-models").getBody())
                .anyMatch(m -> modelId.equals(m.get("modelId")) && Integer.valueOf(5).equals(m.get("defaultConfidentialityYears")));

        // a refusal stores nothing: the shares must sum to 100 %
        assertProblem(exchange(c.carrierUser(), HttpMethod.PUT, path, terms(modelId, c, 6000, 3000, 500)), 400,
                "sum to 95 %, not 100 %");
        assertThat(events(id)).isEmpty();
        assertThat(get(STAFF, path).getBody().get("status")).isEqualTo("NONE");

        // the carrier drafts; two members sign version 1
        ResponseEntity<Map<String, Object>> drafted = exchange(c.carrierUser(), HttpMethod.PUT, path,
                terms(modelId, c, 6000, 3000, 1000));
        assertThat(drafted.getStatusCode().value()).as("%s", drafted.getBody()).isEqualTo(200);
        assertThat(drafted.getBody().get("version")).isEqualTo(1);
        assertThat(sign(c.carrierUser(), c.projectId(), c.carrierOrg(), 1).getStatusCode().value()).isEqualTo(201);
        assertThat(sign(c.largeUser(), c.projectId(), c.largeOrg(), 1).getStatusCode().value()).isEqualTo(201);
        Map<String, Object> read = get(c.labUser(), path).getBody();
        assertThat(read.get("status")).isEqualTo("SIGNING");
        assertThat((List<String>) read.get("missingSignatures")).containsExactly(c.labOrg());
        assertThat((List<Map<String, Object>>) read.get("partners")).anyMatch(p -> c.carrierOrg().equals(p.get("organisationId"))
                && Integer.valueOf(6000).equals(p.get("ownershipShareBasisPoints"))
                && Integer.valueOf(5).equals(p.get("confidentialityYears")) && Boolean.TRUE.equals(p.get("signed")));

        // staff change the terms: version 2, every signature must be given again
        ResponseEntity<Map<String, Object>> changed = exchange(STAFF, HttpMethod.PUT, path, terms(modelId, c, 5000, 3000, 2000));
        assertThat(changed.getBody().get("version")).isEqualTo(2);
        read = get(c.carrierUser(), path).getBody();
        assertThat(read.get("version")).isEqualTo(2);
        assertThat((List<String>) read.get("missingSignatures"))
                .containsExactlyInAnyOrder(c.carrierOrg(), c.largeOrg(), c.labOrg());
        assertProblem(sign(c.labUser(), c.projectId(), c.labOrg(), 1), 409, "was replaced by version 2");

        signedByAll(c, 2);
        read = get(c.carrierUser(), path).getBody();
        assertThat(read.get("status")).isEqualTo("FULLY_SIGNED");
        assertThat((List<String>) read.get("missingSignatures")).isEmpty();
        assertThat(eventTypes(id)).containsExactly("ConsortiumAgreementDraftedEvent", "ConsortiumAgreementSignedEvent",
                "ConsortiumAgreementSignedEvent", "ConsortiumAgreementTermsChangedEvent", "ConsortiumAgreementSignedEvent",
                "ConsortiumAgreementSignedEvent", "ConsortiumAgreementSignedEvent", "ConsortiumAgreementFullySignedEvent");
        assertProblem(sign(c.labUser(), c.projectId(), c.labOrg(), 2), 409, "already signed version 2");

        // who reads it: members, staff, auditors; an outsider is told the project does not exist
        assertThat(get(AUDITOR, path).getStatusCode().value()).isEqualTo(200);
        assertThat(get(outsider, path).getStatusCode().value()).isEqualTo(404);
        assertThat(sign(outsider, c.projectId(), c.carrierOrg(), 2).getStatusCode().value()).isEqualTo(404);

        // the timeline names the versions and the signatories
        ResponseEntity<String> timeline = http.withBasicAuth(STAFF, PASSWORD)
                .getForEntity("/api/projects/" + c.projectId() + "/history?size=100", String.class);
        assertThat(timeline.getBody()).contains("Consortium agreement drafted by " + c.carrierUser(),
                "signing reopened", "signed the consortium agreement version 2 (signatory " + c.labUser() + ")",
                "Consortium agreement version 2 fully signed by 3 partners");
    }
}
