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
}
