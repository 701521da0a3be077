package org.tremplin.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict request mapper, on its own: what it refuses, what it still reads, and that the base mapper is untouched. */
class StrictJsonTest {

    enum Kind { SME, LAB }

    record Probe(String title, Integer months, BigDecimal amount, Boolean flag, boolean optionalFlag, LocalDate on, Kind kind) {
    }

    private static final ObjectMapper BASE = Jackson2ObjectMapperBuilder.json().build();
    private static final ObjectMapper STRICT = StrictJson.strict(BASE);

    private static final String VALID = "{\"title\": \"Lidar\", \"months\": 3, \"amount\": 12.50, \"flag\": true,"
            + " \"optionalFlag\": false, \"on\": \"2027-03-31\", \"kind\": \"SME\"}";

    @ParameterizedTest
    @ValueSource(strings = {
            VALID,
            "{\"title\": \"Tab\\tand line\\nbreaks, \\uD83D\\uDE80 rocket\", \"amount\": 12}",
            "{\"title\": \"\u05DE\u05E2\u05D1\u05D3\u05D4 \u0645\u062E\u062A\u0628\u0631 Lab\u200E (RTL scripts, a mark)\"}",
            "{\"on\": \"1900-01-01\"}",
            "{\"on\": \"2200-12-31\"}",
            "{\"title\": null, \"months\": null, \"amount\": 1000000.25}",
            "{}"})
    void well_formed_bodies_are_read(String json) throws Exception {
        Probe probe = STRICT.readValue(json, Probe.class);
        assertThat(probe).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"title\": \"a\", \"title\": \"b\"}                    | Duplicate field",
            "{\"title\": \"a\"} this is not json                       | Unrecognized token",
            "{\"title\": \"a\"} {}                                      | Trailing token",
            "{\"title\": 12345}                                        | must be text",
            "{\"title\": true}                                         | must be text",
            "{\"title\": [\"a\"]}                                      | must be text",
            "{\"title\": \"nul\\u0000here\"}                           | control character (U+0000",
            "{\"title\": \"esc\\u001b[31m\"}                           | control character (U+001B",
            "{\"title\": \"del\\u007f\"}                               | control character (U+007F",
            "{\"title\": \"Probe \\u202Eedi\"}                          | bidirectional embedding, override or isolate (U+202E",
            "{\"title\": \"isolate \\u2066x\\u2069\"}                  | bidirectional embedding, override or isolate (U+2066",
            "{\"title\": \"lone \\uD800 high\"}                        | lone surrogate (U+D800",
            "{\"title\": \"lone \\uDC00 low\"}                         | lone surrogate (U+DC00",
            "{\"months\": \"3\"}                                        | months",
            "{\"months\": 1.005}                                       | months",
            "{\"months\": 1.0}                                         | months",
            "{\"months\": 99999999999}                                 | months",
            "{\"amount\": \"1000\"}                                     | amount",
            "{\"flag\": 1}                                             | flag",
            "{\"flag\": \"true\"}                                       | flag",
            "{\"optionalFlag\": null}                                  | optionalFlag",
            "{\"on\": 20270331}                                        | must be a date like 2027-03-31, written as text",
            "{\"on\": [2027, 3, 31]}                                   | written as text",
            "{\"on\": \"+999999999-12-31\"}                             | between 1900 and 2200",
            "{\"on\": \"1899-12-31\"}                                   | between 1900 and 2200",
            "{\"on\": \"2201-01-01\"}                                   | between 1900 and 2200",
            "{\"kind\": 0}                                             | kind",
            "{\"kind\": \"sme\"}                                        | kind",
            "{\"unknown\": 1}                                          | unknown",
            "{\"amount\": \"\"}                                         | amount"})
    void malformed_bodies_are_refused(String json, String mention) {
        assertThatThrownBy(() -> STRICT.readValue(json, Probe.class)).hasMessageContaining(mention);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1, \"a\": 2}", "{\"a\": \"x\\u0000\"}", "{\"a\": 1} trailing"})
    void untyped_maps_are_as_strict(String json) {
        assertThatThrownBy(() -> STRICT.readValue(json, Map.class)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\": 12345, \"unknown\": 1, \"on\": 20270331}"})
    void the_base_mapper_used_by_the_event_store_stays_lenient(String json) throws Exception {
        Probe probe = BASE.readValue(json, Probe.class);
        assertThat(probe.title()).isEqualTo("12345");
    }
}
