package org.tremplin.audit.query;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineKeysTest {

    @Test
    void a_stored_timestamp_reads_as_the_instant_instant_parse_reads() {
        Random random = new Random(11);
        List<String> stored = new ArrayList<>(List.of("2026-12-02T00:44:24.371Z", "2024-02-29T23:59:59.999Z",
                "1970-01-01T00:00:00.000Z", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
                "1969-12-31T23:59:59.001Z", "2026-12-02T00:44:24Z", "2026-12-02T00:44:24.371123Z"));
        for (int i = 0; i < 2_000; i++) {
            stored.add(DateTimeUtils.formatInstant(Instant.ofEpochSecond(random.nextLong(-62_000_000_000L,
                    250_000_000_000L), random.nextInt(1_000_000_000))));
        }
        for (String text : stored) {
            assertThat(TimelineKeys.storedInstant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void a_type_filter_matches_the_stored_types_whose_simple_or_qualified_name_it_gives() {
        List<Object> arguments = new ArrayList<>();
        assertThat(TimelineKeys.typeCondition(Set.of(), arguments)).isEmpty();
        assertThat(TimelineKeys.typeCondition(Set.of("Review_Recorded%Event", "a.b.C$D"), arguments)).isEqualTo(
                " AND (payloadType = ? OR payloadType LIKE ? ESCAPE '!' OR payloadType LIKE ? ESCAPE '!'"
                        + " OR payloadType = ?)");
        assertThat(arguments).containsExactly("Review_Recorded%Event", "%.Review!_Recorded!%Event",
                "%$Review!_Recorded!%Event", "a.b.C$D");
    }
}
