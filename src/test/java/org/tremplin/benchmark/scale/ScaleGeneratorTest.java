package org.tremplin.benchmark.scale;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scale generator at a small size, in the ordinary test run, so that it cannot rot: the aggregates accept every
 * command it sends (a refusal would fail the run), the read models follow its events as they follow a user's, the
 * long project's timeline shows its events, and a second run with the same seed resumes after the last project
 * instead of writing anything twice.
 */
class ScaleGeneratorTest extends ApiTestSupport {

    private static final ScaleShape SMALL = new ScaleShape(24, 3, 20, 7L, 300, 8, false);

    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private FundingRules fundingRules;
    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    @SuppressWarnings("unchecked")
    void writes_a_small_store_through_the_aggregates_that_the_read_models_and_the_timeline_show() {
        ScaleGenerator generator = new ScaleGenerator(commandGateway, transactionManager, jdbc, fundingRules, processing);
        ScaleGenerator.Result result = generator.generate(SMALL, System.out);

        assertThat(result.projectsWritten()).isEqualTo(24);
        assertThat(result.eventsWritten()).as("a few thousand events").isGreaterThan(1_000);
        Map<String, Long> types = eventTypes();
        assertThat(types).as("the mix: refusals, funding, payments, rounds")
                .containsKeys("IdeaSubmittedEvent", "LabelGrantedEvent", "LabelRefusedEvent", "FundingGrantedEvent",
                        "ConventionSignedEvent", "ExpenseStatementApprovedEvent", "PaymentMadeEvent",
                        "ConventionClosedEvent", "StateAidRecordedEvent", "RoundOpenedEvent", "RoundClosedEvent");

        // the read models follow
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM project WHERE id LIKE 'PRJ-SC-%'", Long.class)).isEqualTo(24);
            assertThat(jdbc.queryForObject("SELECT status FROM project WHERE id = ?", String.class,
                    ScaleGenerator.projectId(0))).isEqualTo("CLOSED");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM convention WHERE project_id = ?", Long.class,
                    ScaleGenerator.projectId(0))).isGreaterThanOrEqualTo(10);
            // every payment made is a row of its own (payment ids unique in the store, as the application's)
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM funding_payment", Long.class))
                    .isEqualTo(types.get("PaymentMadeEvent"));
        });

        // the long project's timeline shows its own stream, its applications and its partners' ledgers
        String longProject = ScaleGenerator.projectId(0);
        long ownEvents = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "OR aggregateIdentifier LIKE ? OR aggregateIdentifier LIKE ?", Long.class,
                longProject, "APP-" + longProject + "-%", "AID-" + longProject + "-%");
        assertThat(ownEvents).as("the long project's streams").isGreaterThan(300);
        ResponseEntity<Map<String, Object>> history = get(AUDITOR, "/api/projects/" + longProject + "/history?size=5");
        assertThat(history.getStatusCode().value()).as("%s", history.getBody()).isEqualTo(200);
        assertThat(((Number) history.getBody().get("total")).longValue()).isGreaterThanOrEqualTo(ownEvents);

        // resumable: the same seed and shape continue after the last committed batch, here the end
        ScaleGenerator.Result again = generator.generate(SMALL, System.out);
        assertThat(again.projectsWritten()).isZero();
        assertThat(again.eventsWritten()).isZero();
    }

    private Map<String, Long> eventTypes() {
        Map<String, Long> types = new java.util.HashMap<>();
        jdbc.query("SELECT payloadType, COUNT(*) FROM DomainEventEntry GROUP BY payloadType", rs -> {
            String type = rs.getString(1);
            types.put(type.substring(type.lastIndexOf('.') + 1), rs.getLong(2));
        });
        return types;
    }
}
