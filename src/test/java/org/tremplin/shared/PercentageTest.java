package org.tremplin.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A percentage is more than 0, at most 100, with at most two decimals; a refusal names the field. */
class PercentageTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0.01, 0.01",
            "12.5, 12.50",
            "45, 45.00",
            "33.33, 33.33",
            "100, 100.00",
            "100.000, 100.00",
            "12.500, 12.50",
    })
    void a_percentage_is_kept_with_two_decimals(String value, String expected) {
        BigDecimal percent = Percentage.of(new BigDecimal(value), "ratePercent");
        assertThat(percent).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | advancePercent must be more than 0 and at most 100 (got 0)",
            "0.00 | advancePercent must be more than 0 and at most 100 (got 0.00)",
            "-5 | advancePercent must be more than 0 and at most 100 (got -5)",
            "100.01 | advancePercent must be more than 0 and at most 100 (got 100.01)",
            "110 | advancePercent must be more than 0 and at most 100 (got 110)",
            "12.345 | advancePercent must be a percentage with at most two decimals (got 12.345)",
            "0.001 | advancePercent must be a percentage with at most two decimals (got 0.001)",
    })
    void a_percentage_outside_the_rule_is_refused_naming_the_field(String value, String message) {
        assertThatThrownBy(() -> Percentage.of(new BigDecimal(value), "advancePercent"))
                .isInstanceOf(DomainException.class).hasMessage(message)
                .extracting(e -> ((DomainException) e).kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
    }

    @Test
    void a_missing_percentage_is_required() {
        assertThatThrownBy(() -> Percentage.of(null, "sharePercent of A"))
                .isInstanceOf(DomainException.class).hasMessage("sharePercent of A is required");
    }

    @ParameterizedTest(name = "{0} written {1}")
    @CsvSource({"12.50, 12.5", "100.00, 100", "45.00, 45", "0.01, 0.01", "33.33, 33.33"})
    void messages_write_a_percentage_without_trailing_zeros(String value, String text) {
        assertThat(Percentage.plain(new BigDecimal(value))).isEqualTo(text);
    }

    @ParameterizedTest(name = "''{0}'' read as {1}")
    @CsvSource(delimiter = '|', value = {
            "20 | 20",
            "12.5 | 12.5",
            "12,5 | 12.5",
            "' 12,5 % ' | 12.5",
            "12,5\u00a0% | 12.5",
            "150 | 150",
            "-5 | -5",
            "12.345 | 12.345",
    })
    void a_percentage_typed_by_a_person_is_read_as_a_number_the_rule_is_the_commands(String text, String expected) {
        assertThat(Percentage.parse(text, "advancePercent")).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "''{0}'' is not a percentage")
    @CsvSource({"twenty", "1e2", "12..5", "%", "12.5.1", "--5"})
    void text_that_is_not_a_number_is_refused_with_an_example(String text) {
        assertThatThrownBy(() -> Percentage.parse(text, "advancePercent"))
                .isInstanceOf(DomainException.class)
                .hasMessage("advancePercent must be a percentage like 20 or 12.5 (got '" + text + "')");
    }

    @Test
    void blank_text_is_no_percentage() {
        assertThat(Percentage.parse(null, "advancePercent")).isNull();
        assertThat(Percentage.parse("  ", "advancePercent")).isNull();
    }
}
