package org.tremplin.funding.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A payment stored before its reference was kept reads as one with none recorded; nothing else changes. */
class PaymentMadeEventUpcaster1To2Test {

    private final ObjectMapper json = new ObjectMapper();
    private final PaymentMadeEventUpcaster1To2 upcaster = new PaymentMadeEventUpcaster1To2();

    @Test
    void a_revision_1_payment_gets_no_reference_and_keeps_every_other_field() throws Exception {
        JsonNode stored = json.readTree("""
                {"applicationId": "APP-1", "conventionId": "APP-1-ORG", "projectId": "PRJ-1", "funderId": "FUI",
                 "organisationId": "ORG", "paymentId": "PAY-1", "kind": "ADVANCE", "statementId": null,
                 "amount": 20000.00, "paidTotal": 20000.00, "remaining": 80000.00, "shares": []}""");

        JsonNode upcast = upcaster.upcastPayload(stored);

        assertThat(upcast.has("paymentReference")).isTrue();
        assertThat(upcast.get("paymentReference").isNull()).isTrue();
        assertThat(upcast.get("amount").decimalValue()).isEqualByComparingTo("20000.00");
        assertThat(upcast.size()).isEqualTo(stored.size() + 1);
        assertThat(stored.has("paymentReference")).as("the stored payload is not touched").isFalse();
        assertThat(upcaster.fromRevision()).isEqualTo("1");
        assertThat(upcaster.toRevision()).isEqualTo("2");
    }

    @Test
    void a_payload_that_is_not_a_payment_is_refused_rather_than_guessed() throws Exception {
        assertThatThrownBy(() -> upcaster.upcastPayload(json.readTree("{\"amount\": 1}")))
                .hasMessageContaining("no 'paymentId'");
    }
}
