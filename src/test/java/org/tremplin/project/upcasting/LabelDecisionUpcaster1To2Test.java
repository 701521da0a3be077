package org.tremplin.project.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A label decision stored before the capacity check existed reads as one that was shown no verdict. */
class LabelDecisionUpcaster1To2Test {

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {LabelDecisionUpcaster1To2.GRANTED, LabelDecisionUpcaster1To2.REFUSED})
    void a_revision_1_decision_gets_an_empty_list_of_verdicts_and_keeps_every_other_field(String type) throws Exception {
        LabelDecisionUpcaster1To2 upcaster = new LabelDecisionUpcaster1To2(type);
        JsonNode stored = json.readTree("""
                {"projectId": "PRJ-1", "reasons": "Strong team", "averageScore": 15.50}""");

        JsonNode upcast = upcaster.upcastPayload(stored);

        assertThat(upcast.get("capacityShown").isArray()).isTrue();
        assertThat(upcast.get("capacityShown")).isEmpty();
        assertThat(upcast.get("averageScore").decimalValue()).isEqualByComparingTo("15.50");
        assertThat(upcast.get("reasons").asText()).isEqualTo("Strong team");
        assertThat(upcast.size()).isEqualTo(stored.size() + 1);
        assertThat(stored.has("capacityShown")).as("the stored payload is not touched").isFalse();
        assertThat(upcaster.payloadType()).isEqualTo(type);
        assertThat(upcaster.fromRevision()).isEqualTo("1");
        assertThat(upcaster.toRevision()).isEqualTo("2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"averageScore\": 1}", "{\"projectId\": \"P\", \"reasons\": \"r\", \"capacityShown\": []}"})
    void a_payload_that_is_not_a_revision_1_decision_is_refused_rather_than_guessed(String payload) {
        LabelDecisionUpcaster1To2 upcaster = new LabelDecisionUpcaster1To2(LabelDecisionUpcaster1To2.GRANTED);
        assertThatThrownBy(() -> upcaster.upcastPayload(json.readTree(payload)))
                .hasMessageContaining("Cannot upcast org.tremplin.project.api.LabelGrantedEvent revision 1 to 2");
    }
}
