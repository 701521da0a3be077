package org.tremplin.project.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.api.ReviewRecordedEvent;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tremplin.project.upcasting.StoredHistoryFixture.HISTORY_2019;
import static org.tremplin.project.upcasting.StoredHistoryFixture.JSON;
import static org.tremplin.project.upcasting.StoredHistoryFixture.PROJECT_2019;

/** Each upcaster on the stored JSON of the fixtures, without Spring. */
class RevisionZeroUpcastersTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder().build();

    @Test
    void the_stored_type_names_are_todays_event_classes_and_their_current_revision_is_one() {
        assertThat(IdeaSubmittedEventUpcaster0To1.PAYLOAD_TYPE).isEqualTo(IdeaSubmittedEvent.class.getName());
        assertThat(ReviewRecordedEventUpcaster0To1.PAYLOAD_TYPE).isEqualTo(ReviewRecordedEvent.class.getName());
        assertThat(IdeaSubmittedEvent.class.getAnnotation(org.axonframework.serialization.Revision.class).value())
                .isEqualTo(new IdeaSubmittedEventUpcaster0To1().toRevision());
        assertThat(ReviewRecordedEvent.class.getAnnotation(org.axonframework.serialization.Revision.class).value())
                .isEqualTo(new ReviewRecordedEventUpcaster0To1().toRevision());
    }

    @Nested
    class IdeaSubmitted {

        private final IdeaSubmittedEventUpcaster0To1 upcaster = new IdeaSubmittedEventUpcaster0To1();
        private final ObjectNode stored = StoredHistoryFixture.payload(HISTORY_2019, upcaster.payloadType(), "0");

        @Test
        void flattens_the_carrier_and_declares_no_budget() {
            JsonNode upcast = upcaster.upcastPayload(stored);

            assertThat(upcast.has("carrier")).isFalse();
            assertThat(upcast.get("carrierOrganisationId").asText()).isEqualTo("ORG-2019-PHOTALP");
            assertThat(upcast.get("carrierName").asText()).isEqualTo("Photonique Alpine SAS");
            assertThat(upcast.get("carrierKind").asText()).isEqualTo("SME");
            assertThat(upcast.get("carrierPlannedBudget").decimalValue()).isEqualTo(new BigDecimal("0.00"));
            assertThat(upcast.get("title").asText()).isEqualTo("Lidar photonique embarqué");
            assertThat(stored.has("carrier")).as("the stored payload is left alone").isTrue();
        }

        @Test
        void turns_the_stored_bytes_into_todays_record() {
            IdeaSubmittedEvent event = upcastAndDeserialize(upcaster, upcaster.payloadType(), "0", stored);

            assertThat(event).isEqualTo(new IdeaSubmittedEvent(PROJECT_2019, "Lidar photonique embarqué",
                    "A solid-state lidar for agricultural robots, from the lab to an industrial demonstrator.",
                    "Photonics", ConfidentialityLevel.CONSORTIUM, "ORG-2019-PHOTALP", "Photonique Alpine SAS",
                    OrganisationKind.SME, new BigDecimal("0.00")));
        }

        @Test
        void leaves_revision_one_and_other_types_alone() {
            JsonNode today = JSON.valueToTree(new IdeaSubmittedEvent("P1", "Title", "Summary", "Axis",
                    ConfidentialityLevel.PUBLIC, "O1", "Org", OrganisationKind.SME, new BigDecimal("1000.00")));
            IdeaSubmittedEvent event = upcastAndDeserialize(upcaster, upcaster.payloadType(), "1", today);
            assertThat(event.carrierPlannedBudget()).isEqualByComparingTo("1000.00");

            ObjectNode review = StoredHistoryFixture.payload(HISTORY_2019, ReviewRecordedEventUpcaster0To1.PAYLOAD_TYPE, "0");
            assertThat(upcast(upcaster, ReviewRecordedEventUpcaster0To1.PAYLOAD_TYPE, "0", review).getType().getRevision())
                    .isEqualTo("0");
        }

        @Test
        void refuses_a_revision_zero_payload_without_its_carrier() {
            stored.remove("carrier");
            assertThatThrownBy(() -> upcaster.upcastPayload(stored))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no 'carrier' object");
            ObjectNode incomplete = StoredHistoryFixture.payload(HISTORY_2019, upcaster.payloadType(), "0");
            ((ObjectNode) incomplete.get("carrier")).remove("kind");
            assertThatThrownBy(() -> upcaster.upcastPayload(incomplete)).hasMessageContaining("missing field 'kind'");
        }
    }

    @Nested
    class ReviewRecorded {

        private final ReviewRecordedEventUpcaster0To1 upcaster = new ReviewRecordedEventUpcaster0To1();
        private final ObjectNode stored = StoredHistoryFixture.payload(HISTORY_2019, upcaster.payloadType(), "0");

        @Test
        void doubles_the_mark_out_of_ten_into_a_score_out_of_twenty() {
            JsonNode upcast = upcaster.upcastPayload(stored);

            assertThat(upcast.has("mark")).isFalse();
            assertThat(upcast.get("score").isInt()).isTrue();
            assertThat(upcast.get("score").intValue()).isEqualTo(15);
            for (String mark : List.of("0", "7", "9.5", "10", "10.0")) {
                stored.put("mark", new BigDecimal(mark));
                assertThat(upcaster.upcastPayload(stored).get("score").intValue())
                        .isEqualTo(new BigDecimal(mark).multiply(BigDecimal.valueOf(2)).intValueExact());
            }
        }

        @Test
        void turns_the_stored_bytes_into_todays_record() {
            ReviewRecordedEvent event = upcastAndDeserialize(upcaster, upcaster.payloadType(), "0", stored);

            assertThat(event).isEqualTo(new ReviewRecordedEvent(PROJECT_2019, "expert.legacy.a", 15, Recommendation.GRANT,
                    "Sound optical design; the industrial partner makes the demonstrator credible."));
        }

        @Test
        void refuses_a_mark_it_cannot_convert_without_inventing_a_score() {
            for (String mark : List.of("-1", "10.5", "7.25")) {
                stored.put("mark", new BigDecimal(mark));
                assertThatThrownBy(() -> upcaster.upcastPayload(stored))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("not a half-point mark out of 10");
            }
            stored.put("mark", "seven");
            assertThatThrownBy(() -> upcaster.upcastPayload(stored)).hasMessageContaining("no numeric 'mark'");
            stored.remove("mark");
            assertThatThrownBy(() -> upcaster.upcastPayload(stored)).hasMessageContaining("no numeric 'mark'");
        }
    }

    @Test
    void the_chain_upcasts_a_whole_stored_history_of_mixed_revisions() {
        EventUpcasterChain chain = new EventUpcasterChain(new IdeaSubmittedEventUpcaster0To1(),
                new ReviewRecordedEventUpcaster0To1());
        List<IntermediateEventRepresentation> upcast = chain.upcast(StoredHistoryFixture.rows(HISTORY_2019).stream()
                .map(row -> new InitialEventRepresentation(entry(row.payloadType(), row.payloadRevision(), row.payload()),
                        serializer))).toList();

        assertThat(upcast).hasSize(10).allSatisfy(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("1");
            assertThat(serializer.classForType(event.getType())).isNotNull();
        });
        Object last = serializer.deserialize(upcast.get(9).getData());
        assertThat(last).isInstanceOfSatisfying(ReviewRecordedEvent.class, review -> assertThat(review.score()).isEqualTo(15));
    }

    // ------------------------------------------------------------------ helpers

    private IntermediateEventRepresentation upcast(EventUpcaster upcaster, String type, String revision, JsonNode payload) {
        return upcaster.upcast(Stream.of(new InitialEventRepresentation(entry(type, revision, payload), serializer)))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private <T> T upcastAndDeserialize(EventUpcaster upcaster, String type, String revision, JsonNode payload) {
        return (T) serializer.deserialize(upcast(upcaster, type, revision, payload).getData());
    }

    private static GenericDomainEventEntry<byte[]> entry(String type, String revision, JsonNode payload) {
        return new GenericDomainEventEntry<>("Project", PROJECT_2019, 0, "event-1", "2019-03-14T09:12:31.402Z",
                type, revision, StoredHistoryFixture.bytes(payload), StoredHistoryFixture.bytes(JSON.createObjectNode()));
    }
}
