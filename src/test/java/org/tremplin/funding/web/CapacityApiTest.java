package org.tremplin.funding.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.funding.query.CarrierCapacity;
import org.tremplin.organisation.api.ImportOrganisationCommand;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The capacity check through the REST API on H2. */
class CapacityApiTest extends CapacityApiScenarios {

    @Autowired
    private CommandGateway commandGateway;

    @Test
    @SuppressWarnings("unchecked")
    void an_imported_organisation_of_unknown_headcount_is_sized_micro_and_the_verdict_says_so() {
        String code = "CAP" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String id = NationalIdScheme.OTHER.organisationId(code);
        commandGateway.sendAndWait(new ImportOrganisationCommand(id, "Imported Optics", code, OrganisationKind.OTHER,
                null, "Lyon", null, null, "RUN-CAP", "partenaires.csv", 7));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(STAFF, "/api/organisations/" + id).getStatusCode().value() == 200);

        Map<String, Object> check = get(STAFF, "/api/organisations/" + id + "/capacity").getBody();

        assertThat(check).containsEntry("size", "micro").containsEntry("verdict", "COMFORTABLE");
        assertThat((List<String>) check.get("reasons")).first().isEqualTo(CarrierCapacity.HEADCOUNT_UNKNOWN);
        assertThat((List<String>) check.get("reasons")).hasSize(2).last().asString().startsWith("within every threshold");
        // a registered organisation's headcount is known: no such reason
        assertThat((List<String>) get(STAFF, "/api/organisations/" + newOrganisation("Known PME", "SME", null)
                + "/capacity").getBody().get("reasons")).doesNotContain(CarrierCapacity.HEADCOUNT_UNKNOWN);
    }
}
