package org.tremplin.project.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tremplin.project.api.PanelMember;
import org.tremplin.project.api.ReviewersAssignedEvent;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An assignment stored before reviewers declared backgrounds reads as a panel of unknown backgrounds, no mix checked. */
class ReviewersAssignedEventUpcaster1To2Test {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final ReviewersAssignedEventUpcaster1To2 upcaster = new ReviewersAssignedEventUpcaster1To2();

    @Test
    void a_revision_1_assignment_lists_its_reviewers_without_background_and_no_required_mix() throws Exception {
        JsonNode stored = json.readTree("""
                {"projectId": "PRJ-1", "reviewerIds": ["rita", "luc"], "reviewDeadline": "2019-05-31"}""");

        JsonNode upcast = upcaster.upcastPayload(stored);

        assertThat(json.treeToValue(upcast, ReviewersAssignedEvent.class)).isEqualTo(new ReviewersAssignedEvent("PRJ-1",
                List.of("rita", "luc"), LocalDate.of(2019, 5, 31),
                List.of(new PanelMember("rita", null), new PanelMember("luc", null)), List.of()));
        assertThat(stored.has("panel")).as("the stored payload is not touched").isFalse();
        assertThat(upcaster.payloadType()).isEqualTo(ReviewersAssignedEvent.class.getName());
        assertThat(upcaster.fromRevision()).isEqualTo("1");
        assertThat(upcaster.toRevision()).isEqualTo("2");
        assertThat(ReviewersAssignedEvent.class.getAnnotation(org.axonframework.serialization.Revision.class).value())
                .isEqualTo(upcaster.toRevision());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"projectId\": \"P\"}", "{\"projectId\": \"P\", \"reviewerIds\": [\"a\"], \"panel\": []}"})
    void a_payload_that_is_not_a_revision_1_assignment_is_refused_rather_than_guessed(String payload) {
        assertThatThrownBy(() -> upcaster.upcastPayload(json.readTree(payload)))
                .hasMessageContaining("Cannot upcast org.tremplin.project.api.ReviewersAssignedEvent revision 1 to 2");
    }
}
