package org.tremplin.audit.web;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline page's filters read as Paris days (or times) and given to the history API as instants. */
class TimelineQueryTest {

    private static TimelineQuery query(String from, String to, String asOf, String... types) {
        return new TimelineQuery(from, to, asOf, types.length == 0 ? null : Arrays.asList(types), null, null);
    }

    @Test
    void days_are_paris_days_with_the_to_day_included() {
        TimelineQuery summer = query("2027-03-31", "2027-03-31", null);
        assertThat(summer.valid()).isTrue();
        assertThat(summer.apiFrom()).isEqualTo("2027-03-30T22:00:00Z");
        assertThat(summer.apiTo()).isEqualTo("2027-03-31T22:00:00Z");
        TimelineQuery winter = query("2027-01-15", "2027-01-15", null);
        assertThat(winter.apiFrom()).isEqualTo("2027-01-14T23:00:00Z");
        assertThat(winter.apiTo()).isEqualTo("2027-01-15T23:00:00Z");
        assertThat(query(null, null, null).apiFrom()).isNull();
        assertThat(query(" ", "", null).apiTo()).isNull();
    }

    @Test
    void as_of_a_day_ends_the_timeline_at_the_end_of_that_day_or_at_the_to_day_if_earlier() {
        assertThat(query(null, null, "2027-06-30").apiTo()).isEqualTo("2027-06-30T22:00:00Z");
        assertThat(query(null, "2027-12-31", "2027-06-30").apiTo()).isEqualTo("2027-06-30T22:00:00Z");
        assertThat(query(null, "2027-02-01", "2027-06-30").apiTo()).isEqualTo("2027-02-01T23:00:00Z");
        assertThat(query(null, null, "2027-06-30").asOfEnd()).hasToString("2027-06-30T22:00:00Z");
    }

    @Test
    void a_paris_time_counts_to_its_second_or_minute() {
        TimelineQuery seconds = query("2027-01-15T10:30:05", "2027-01-15T10:30:05", null);
        assertThat(seconds.apiFrom()).isEqualTo("2027-01-15T09:30:05Z");
        assertThat(seconds.apiTo()).isEqualTo("2027-01-15T09:30:06Z");
        assertThat(query(null, "2027-01-15T10:30", null).apiTo()).isEqualTo("2027-01-15T09:31:00Z");
        assertThat(query(null, null, "2027-07-01T00:00:00").apiTo()).isEqualTo("2027-06-30T22:00:01Z");
    }

    @Test
    void a_value_that_is_not_a_date_is_a_problem_of_its_field() {
        TimelineQuery bad = query("yesterday", "2027-02-30", "2027-01-01");
        assertThat(bad.valid()).isFalse();
        assertThat(bad.problems).containsOnlyKeys("from", "to");
        assertThat(bad.problems.get("from").status()).isEqualTo(400);
        assertThat(bad.problems.get("from").detail()).contains("'yesterday' is not a date");
        assertThat(bad.problems.get("from").field()).isEqualTo("from");
    }

    @Test
    void types_drop_the_empty_choice_and_repeats_and_links_keep_every_filter() {
        TimelineQuery query = new TimelineQuery("2027-01-01", null, "2027-03-01", Arrays.asList("", "LabelGrantedEvent",
                " ReviewRecordedEvent ", "LabelGrantedEvent"), "FUNDER-FUI", "2");
        assertThat(query.types).containsExactly("LabelGrantedEvent", "ReviewRecordedEvent");
        assertThat(query.link("/audit/projects/PRJ-1/export", null, "format", "csv")).isEqualTo(
                "/audit/projects/PRJ-1/export?format=csv&from=2027-01-01&asOf=2027-03-01&type=LabelGrantedEvent"
                        + "&type=ReviewRecordedEvent&funder=FUNDER-FUI");
        assertThat(query.link("/audit/projects/PRJ-1", 3)).endsWith("&funder=FUNDER-FUI&page=3");
        assertThat(query.link("/audit/projects/PRJ-1", 0)).doesNotContain("page=");
        assertThat(new TimelineQuery(null, null, null, List.of(), "a b&c", null).link("/x", null)).isEqualTo("/x?funder=a%20b%26c");
        assertThat(query.form()).containsEntry("type", "LabelGrantedEvent").containsEntry("asOf", "2027-03-01");
    }
}
