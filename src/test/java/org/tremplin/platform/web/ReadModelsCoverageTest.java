package org.tremplin.platform.web;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** When a processor's token covers a request's events: at or below its position, and not among its gaps. */
class ReadModelsCoverageTest {

    private static TreeSet<Long> indexes(Long... values) {
        return new TreeSet<>(List.of(values));
    }

    @Test
    void a_gap_below_the_position_is_not_covered() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(10, List.of(5L, 7L));
        assertThat(ReadModels.coversAll(token, indexes(4L, 6L, 10L))).isTrue();
        assertThat(ReadModels.coversAll(token, indexes(5L))).as("own event still a gap").isFalse();
        assertThat(ReadModels.coversAll(token, indexes(4L, 7L))).isFalse();
        assertThat(ReadModels.coversAll(token, indexes(11L))).as("beyond the position").isFalse();
    }

    @Test
    void a_replaying_processor_covers_what_it_has_replayed_so_far() {
        GapAwareTrackingToken atReset = GapAwareTrackingToken.newInstance(100, List.of());
        TrackingToken replaying = ReplayToken.createReplayToken(atReset, GapAwareTrackingToken.newInstance(40, List.of()));
        assertThat(ReadModels.coversAll(replaying, indexes(40L))).isTrue();
        assertThat(ReadModels.coversAll(replaying, indexes(41L))).isFalse();
        assertThat(ReadModels.coversAll(ReplayToken.createReplayToken(atReset), indexes(1L))).as("replay from the start").isFalse();
    }

    @Test
    void no_token_covers_nothing_and_other_tokens_compare_positions() {
        assertThat(ReadModels.coversAll(null, indexes(1L))).isFalse();
        assertThat(ReadModels.coversAll(new GlobalSequenceTrackingToken(8), indexes(3L, 8L))).isTrue();
        assertThat(ReadModels.coversAll(new GlobalSequenceTrackingToken(8), indexes(9L))).isFalse();
    }
}
