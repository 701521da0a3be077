package org.tremplin.project.upcasting;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.DecideLabelCommand;
import org.tremplin.project.api.IdeaSubmittedEvent;
import org.tremplin.project.api.LabelGrantedEvent;
import org.tremplin.project.api.PartnerJoinedEvent;
import org.tremplin.project.api.RecordReviewCommand;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.api.ReviewRecordedEvent;
import org.tremplin.project.api.ReviewersAssignedEvent;
import org.tremplin.shared.DomainException;
import org.tremplin.support.ApiTestSupport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tremplin.project.upcasting.StoredHistoryFixture.HISTORY_2019;

/**
 * A history written in 2019, partly in revision 0, inserted as stored rows into DomainEventEntry and replayed
 * by today's application: the event store, the Project aggregate and the project read model all see today's
 * events, through the upcasters registered in the Axon configuration.
 */
class StoredRevisionZeroHistoryTest extends ApiTestSupport {

    @Autowired
    private CommandGateway commandGateway;

    private String insertHistory() {
        String projectId = "PRJ-2019-" + UUID.randomUUID().toString().substring(0, 8);
        StoredHistoryFixture.insert(jdbc, HISTORY_2019, projectId);
        return projectId;
    }

    @Test
    void the_event_store_returns_todays_events_for_a_revision_zero_history() {
        String projectId = insertHistory();
        assertThat(jdbc.queryForList("SELECT DISTINCT payloadRevision FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                String.class, projectId)).containsExactlyInAnyOrder("0", "1");

        List<? extends DomainEventMessage<?>> events = events(projectId);

        assertThat(events).hasSize(10);
        assertThat(events).extracting(DomainEventMessage::getSequenceNumber)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(events.get(0).getPayload()).isEqualTo(new IdeaSubmittedEvent(projectId, "Lidar photonique embarqué",
                "A solid-state lidar for agricultural robots, from the lab to an industrial demonstrator.", "Photonics",
                ConfidentialityLevel.CONSORTIUM, "ORG-2019-PHOTALP", "Photonique Alpine SAS", OrganisationKind.SME,
                new BigDecimal("0.00")));
        assertThat(events.get(0).getTimestamp()).isEqualTo(Instant.parse("2019-03-14T09:12:31.402Z"));
        assertThat(events.get(0).getMetaData()).containsEntry("actor", "carrier.legacy");
        assertThat(events.get(3).getPayload()).isEqualTo(new PartnerJoinedEvent(projectId, "ORG-2019-LABHC",
                "Optical design and characterisation", new BigDecimal("180000.00")));
        assertThat(events.get(8).getPayload()).isEqualTo(new ReviewersAssignedEvent(projectId,
                List.of("expert.legacy.a", "expert.legacy.b"), LocalDate.of(2019, 5, 31)));
        assertThat(events.get(9).getPayload()).isEqualTo(new ReviewRecordedEvent(projectId, "expert.legacy.a", 15,
                Recommendation.GRANT, "Sound optical design; the industrial partner makes the demonstrator credible."));
    }

    @Test
    void the_project_aggregate_rebuilt_from_revision_zero_events_decides_the_next_commands() {
        String projectId = insertHistory();

        // The upcast review is part of the rebuilt state: the same expert cannot review twice.
        assertThatThrownBy(() -> commandGateway.sendAndWait(new RecordReviewCommand(projectId, "expert.legacy.a", 12,
                Recommendation.REFUSE, "A second opinion")))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("expert.legacy.a has already recorded a review");

        commandGateway.sendAndWait(new RecordReviewCommand(projectId, "expert.legacy.b", 16, Recommendation.GRANT,
                "A clear market and a realistic plan."));
        commandGateway.sendAndWait(new DecideLabelCommand(projectId, true, "Both experts recommend the label."));

        List<? extends DomainEventMessage<?>> events = events(projectId);
        assertThat(events).hasSize(12);
        assertThat(events.get(10).getPayload()).isEqualTo(new ReviewRecordedEvent(projectId, "expert.legacy.b", 16,
                Recommendation.GRANT, "A clear market and a realistic plan."));
        // (7.5 out of 10 = 15 out of 20, and 16) / 2: the old mark averages on today's scale.
        assertThat(events.get(11).getPayload()).isEqualTo(new LabelGrantedEvent(projectId,
                "Both experts recommend the label.", new BigDecimal("15.50")));
        // New events are written in today's revision, next to the untouched old rows.
        assertThat(jdbc.queryForList("SELECT payloadRevision FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "ORDER BY sequenceNumber", String.class, projectId))
                .containsExactly("0", "1", "1", "1", "1", "1", "1", "1", "1", "0", "1", "2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_project_read_model_shows_the_upcast_values() {
        String projectId = insertHistory();

        // Await the whole history in the read model, the project row and its reviews alike: the answer reads them one
        // after the other, so a poll made while the processor works through the history can pair an earlier project
        // row with later reviews (seen once the awaits stopped sleeping 100 ms before their first poll).
        Map<String, Object> project = awaitProject(STAFF, projectId, body ->
                "UNDER_REVIEW".equals(body.get("status")) && body.get("reviewDeadline") != null
                        && ((List<?>) body.get("partners")).size() == 3
                        && ((List<Map<String, Object>>) body.get("reviews")).stream()
                        .anyMatch(review -> review.get("score") != null));

        assertThat(project).containsEntry("status", "UNDER_REVIEW")
                .containsEntry("carrierOrganisationId", "ORG-2019-PHOTALP")
                .containsEntry("submittedBy", "carrier.legacy")
                .containsEntry("reviewDeadline", "2019-05-31");
        List<Map<String, Object>> partners = (List<Map<String, Object>>) project.get("partners");
        Map<String, Object> lead = partners.stream().filter(p -> Boolean.TRUE.equals(p.get("lead"))).findFirst().orElseThrow();
        assertThat(lead).containsEntry("organisationId", "ORG-2019-PHOTALP")
                .containsEntry("name", "Photonique Alpine SAS")
                .containsEntry("kind", "SME")
                .containsEntry("status", "LEAD");
        assertThat(new BigDecimal(lead.get("plannedBudget").toString())).isEqualByComparingTo("0.00");
        assertThat(partners).hasSize(3);
        List<Map<String, Object>> reviews = (List<Map<String, Object>>) project.get("reviews");
        assertThat(reviews).filteredOn(review -> "expert.legacy.a".equals(review.get("reviewerId")))
                .singleElement()
                .satisfies(review -> assertThat(review).containsEntry("score", 15).containsEntry("recommendation", "GRANT"));
        assertThat(reviews).filteredOn(review -> "expert.legacy.b".equals(review.get("reviewerId")))
                .singleElement()
                .satisfies(review -> assertThat(review.get("score")).isNull());
    }
}
