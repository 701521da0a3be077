package org.tremplin.audit.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;
import org.tremplin.shared.DomainException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A timeline written for tools outside Tremplin: CloudEvents 1.0 in JSON, one event a line (NDJSON), or CSV
 * with a header row for a spreadsheet.
 */
@Component
public class HistoryExport {

    public static final List<String> CSV_COLUMNS = List.of("time", "sequence", "type", "summary", "actor", "roles",
            "processInstanceId", "activityId", "correlationId");

    public enum Format {
        CLOUDEVENTS("cloudevents", "application/x-ndjson", "ndjson"),
        CSV("csv", "text/csv", "csv");

        private final String parameter;
        private final String mediaType;
        private final String extension;

        Format(String parameter, String mediaType, String extension) {
            this.parameter = parameter;
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String parameter() {
            return parameter;
        }

        public static Format of(String value) {
            String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(f -> f.parameter.equals(wanted)).findFirst()
                    .orElseThrow(() -> DomainException.invalid("Parameter 'format' "
                            + (value == null ? "is required" : "has an invalid value '" + value + "'") + ": expected one of "
                            + Arrays.stream(values()).map(f -> f.parameter).collect(Collectors.joining(", "))));
        }
    }

    /** An export: its media type (UTF-8), a file name to save it under, and its bytes. */
    public record Document(String mediaType, String fileName, byte[] body) {
    }

    private static final EventFormat CLOUD_EVENTS_JSON = new JsonFormat();

    private final ObjectMapper json;

    public HistoryExport(ObjectMapper json) {
        this.json = json;
    }

    Document write(String projectId, Format format, List<TimelineEntry> entries) {
        String body = switch (format) {
            case CLOUDEVENTS -> cloudEvents(projectId, entries);
            case CSV -> csv(entries);
        };
        return new Document(format.mediaType, projectId + "-history." + format.extension,
                body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * CloudEvents 1.0 structured JSON, one per line, built and written by the CloudEvents SDK; Tremplin's step
     * metadata as extension attributes (absent when the event has none), the payload as JSON data.
     */
    String cloudEvents(String projectId, List<TimelineEntry> entries) {
        URI source = URI.create("/tremplin/projects/" + URLEncoder.encode(projectId, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        for (TimelineEntry entry : entries) {
            CloudEventBuilder event = CloudEventBuilder.v1()
                    .withId(entry.eventId())
                    .withSource(source)
                    .withType(cloudEventType(entry))
                    .withTime(entry.time().atOffset(ZoneOffset.UTC))
                    .withSubject(entry.aggregateId())
                    .withData("application/json", JsonCloudEventData.wrap(json.valueToTree(entry.payload())));
            extension(event, "actor", entry.actor());
            extension(event, "roles", entry.roles().isEmpty() ? null : String.join(",", entry.roles()));
            extension(event, "correlationid", entry.correlationId());
            extension(event, "processinstanceid", entry.processInstanceId());
            extension(event, "processdefinitionkey", entry.processDefinitionKey());
            extension(event, "activityid", entry.activityId());
            extension(event, "aggregatetype", entry.aggregateType());
            // a CloudEvents Integer is 32-bit: the SDK writes a long as a string, an int as a JSON number
            event.withExtension("aggregatesequence", entry.sequence() <= Integer.MAX_VALUE
                    ? Integer.valueOf((int) entry.sequence()) : (Number) entry.sequence());
            out.append(new String(CLOUD_EVENTS_JSON.serialize(event.build()), StandardCharsets.UTF_8)).append('\n');
        }
        return out.toString();
    }

    /** "org.tremplin.project.LabelGrantedEvent.v1": the type's package without its "api" part, and its revision. */
    static String cloudEventType(TimelineEntry entry) {
        String type = entry.qualifiedType().replace(".api.", ".");
        return entry.revision() == null ? type : type + ".v" + entry.revision();
    }

    private static void extension(CloudEventBuilder event, String name, String value) {
        if (value != null && !value.isEmpty()) {
            event.withExtension(name, value);
        }
    }

    String csv(List<TimelineEntry> entries) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (TimelineEntry entry : entries) {
                printer.printRecord(entry.time().toString(), entry.sequence(), entry.type(), cell(entry.summary()),
                        cell(entry.actor()), String.join(",", entry.roles()), entry.processInstanceId(),
                        entry.activityId(), entry.correlationId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Free text that a spreadsheet would take for a formula is prefixed with an apostrophe (CSV injection). */
    static String cell(String value) {
        if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }
}
