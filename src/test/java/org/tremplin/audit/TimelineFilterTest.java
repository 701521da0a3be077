package org.tremplin.audit;

import org.junit.jupiter.api.Test;
import org.tremplin.audit.query.HistoryParams;
import org.tremplin.audit.query.TimelineEntry;
import org.tremplin.audit.query.TimelineFilter;
import org.tremplin.shared.DomainException;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineFilterTest {

    private static TimelineEntry entry(String type, String actor, String funder, String time) {
        return new TimelineEntry("e-" + type, "Project", "P-1", 0, Instant.parse(time), type, "1", "summary", actor,
                List.of(), funder, null, null, null, null, "org.tremplin." + type, null);
    }

    @Test
    void a_funder_filter_keeps_only_the_events_concerning_that_funder() {
        TimelineFilter filter = HistoryParams.filter(null, null, null, null, "FUNDER-FUI");

        assertThat(filter.keeps(entry("GrantDecidedEvent", "fanny", "FUNDER-FUI", "2027-01-01T00:00:00Z"))).isTrue();
        assertThat(filter.keeps(entry("GrantDecidedEvent", "fanny", "FUNDER-REGION", "2027-01-01T00:00:00Z"))).isFalse();
        assertThat(filter.keeps(entry("IdeaSubmittedEvent", "marc", null, "2027-01-01T00:00:00Z"))).isFalse();
        assertThat(filter.describe()).isEqualTo("funder=FUNDER-FUI");
    }

    @Test
    void period_type_actor_and_funder_combine() {
        TimelineFilter filter = HistoryParams.filter("2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z",
                List.of("GrantDecidedEvent"), "fanny", "FUNDER-FUI");

        assertThat(filter.keeps(entry("GrantDecidedEvent", "fanny", "FUNDER-FUI", "2027-01-15T00:00:00Z"))).isTrue();
        assertThat(filter.keeps(entry("GrantDecidedEvent", "fanny", "FUNDER-FUI", "2027-02-01T00:00:00Z")))
                .as("to is exclusive").isFalse();
        assertThat(filter.keeps(entry("GrantDecidedEvent", "claire", "FUNDER-FUI", "2027-01-15T00:00:00Z"))).isFalse();
        assertThat(filter.keeps(entry("IdeaSubmittedEvent", "fanny", "FUNDER-FUI", "2027-01-15T00:00:00Z"))).isFalse();
    }

    @Test
    void a_malformed_funder_is_refused() {
        assertThatThrownBy(() -> HistoryParams.filter(null, null, null, null, "FUNDER FUI; drop"))
                .isInstanceOf(DomainException.class).hasMessageContaining("funder");
    }
}
