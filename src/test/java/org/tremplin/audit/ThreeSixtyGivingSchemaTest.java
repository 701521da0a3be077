package org.tremplin.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator really enforces the official 360Giving schema (so that a passing export means something). */
class ThreeSixtyGivingSchemaTest {

    private static final String GRANT = """
            {"id": "360G-tremplin-CONV-1", "title": "t", "description": "d", "currency": "%s", "amountAwarded": %s,
             "awardDate": "%s", "recipientOrganization": [{"id": "360G-tremplin-ORG", "name": "Org"}],
             "fundingOrganization": [{"id": "360G-tremplin-FUNDER", "name": "Funder"}]%s}""";

    private static String pack(String grant) {
        return "{\"version\": \"1.4\", \"grants\": [" + grant + "]}";
    }

    @Test
    void a_minimal_grant_is_valid() {
        assertThat(ThreeSixtyGivingSchema.validate(pack(GRANT.formatted("EUR", "100000.00", "2027-03-31", ""))))
                .isEmpty();
        assertThat(ThreeSixtyGivingSchema.validate(pack(GRANT.formatted("EUR", "1", "2027-03-31T10:00:00Z",
                ", \"plannedDates\": [{\"startDate\": \"2027-04-01\", \"endDate\": \"2029-04-01\", \"duration\": 24}]"))))
                .isEmpty();
    }

    @Test
    void the_schema_refuses_what_the_standard_refuses() {
        assertThat(ThreeSixtyGivingSchema.validate("{\"grants\": []}")).as("no grant").isNotEmpty();
        assertThat(ThreeSixtyGivingSchema.validate(pack(GRANT.formatted("EURO", "1", "2027-03-31", ""))))
                .as("currency").isNotEmpty();
        assertThat(ThreeSixtyGivingSchema.validate(pack(GRANT.formatted("EUR", "\"1\"", "2027-03-31", ""))))
                .as("amount as a string").isNotEmpty();
        assertThat(ThreeSixtyGivingSchema.validate(pack(GRANT.formatted("EUR", "1", "31/03/2027", ""))))
                .as("award date").isNotEmpty();
        assertThat(ThreeSixtyGivingSchema.validate(pack(GRANT.formatted("EUR", "1", "2027-03-31",
                ", \"fundingOrganization\": []")))).as("no funder").isNotEmpty();
        assertThat(ThreeSixtyGivingSchema.validate(pack(GRANT.formatted("EUR", "1", "2027-03-31",
                ", \"disbursementTransaction\": [{\"id\": \"P1\", \"transactionDate\": \"yesterday\"}]"))))
                .as("transaction date").isNotEmpty();
        assertThat(ThreeSixtyGivingSchema.validate(pack(GRANT.formatted("EUR", "1", "2027-03-31", "")
                .replace("\"title\": \"t\", ", "")))).as("no title").isNotEmpty();
    }
}
