package org.tremplin.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.jackson.JsonFormat;
import org.junit.jupiter.api.Test;
import org.tremplin.project.api.LabelGrantedEvent;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudEvents lines of a timeline export, read back with the SDK and as plain JSON. */
class HistoryExportTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static TimelineEntry entry(String actor, List<String> roles, String correlationId) {
        return new TimelineEntry("ev-1", "Project", "PRJ-1", 11, Instant.parse("2027-03-31T10:15:30.123456Z"),
                "LabelGrantedEvent", "1", "Label granted", actor, roles, null, actor == null ? null : "pi-1",
                actor == null ? null : "labelling", actor == null ? null : "user_decide", correlationId,
                LabelGrantedEvent.class.getName(), new LabelGrantedEvent("PRJ-1", "Strong team", new BigDecimal("15.50")));
    }

    @Test
    void each_line_is_a_cloudevent_with_the_step_metadata_as_extensions_and_the_payload_as_json_data() throws Exception {
        String lines = new HistoryExport(JSON).cloudEvents("PRJ-1",
                List.of(entry("ana", List.of("pole-staff", "auditor"), "corr-1"), entry(null, List.of(), null)));

        String[] split = lines.split("\n");
        assertThat(split).hasSize(2);
        assertThat(lines).endsWith("\n");
        CloudEvent full = new JsonFormat().deserialize(split[0].getBytes(StandardCharsets.UTF_8));
        assertThat(full.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(full.getId()).isEqualTo("ev-1");
        assertThat(full.getSource()).isEqualTo(URI.create("/tremplin/projects/PRJ-1"));
        assertThat(full.getType()).isEqualTo("org.tremplin.project.LabelGrantedEvent.v1");
        assertThat(full.getSubject()).isEqualTo("PRJ-1");
        assertThat(full.getTime().toInstant()).isEqualTo(Instant.parse("2027-03-31T10:15:30.123456Z"));
        assertThat(full.getDataContentType()).isEqualTo("application/json");
        assertThat(full.getExtension("actor")).isEqualTo("ana");
        assertThat(full.getExtension("roles")).isEqualTo("pole-staff,auditor");
        assertThat(full.getExtension("correlationid")).isEqualTo("corr-1");
        assertThat(full.getExtension("processinstanceid")).isEqualTo("pi-1");
        assertThat(full.getExtension("processdefinitionkey")).isEqualTo("labelling");
        assertThat(full.getExtension("activityid")).isEqualTo("user_decide");
        assertThat(full.getExtension("aggregatetype")).isEqualTo("Project");

        JsonNode plain = JSON.readTree(split[0]);
        assertThat(plain.get("aggregatesequence").isIntegralNumber()).isTrue();
        assertThat(plain.get("aggregatesequence").longValue()).isEqualTo(11);
        assertThat(plain.get("data").get("averageScore").decimalValue()).isEqualByComparingTo("15.50");
        assertThat(plain.get("data").get("reasons").asText()).isEqualTo("Strong team");
        assertThat(plain.has("data_base64")).isFalse();

        CloudEvent bare = new JsonFormat().deserialize(split[1].getBytes(StandardCharsets.UTF_8));
        assertThat(bare.getExtensionNames()).containsExactlyInAnyOrder("aggregatetype", "aggregatesequence");
    }
}
