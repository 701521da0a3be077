package org.tremplin.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Money's rounding rule, percentages of amounts, and its text in French, in English and in messages. */
class MoneyTest {

    private static final char NNBSP = '\u202f';
    private static final char NBSP = '\u00a0';

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 0.00",
            "12, 12.00",
            "12.5, 12.50",
            "12.345, 12.34",
            "12.349, 12.34",
            "12.3499999, 12.34",
            "0.009, 0.00",
            "1234567.891, 1234567.89",
            "-12.349, -12.34",
            "-0.001, 0.00",
    })
    void an_amount_is_rounded_down_to_the_cent(String amount, String cents) {
        BigDecimal rounded = Money.cents(new BigDecimal(amount));
        assertThat(rounded).isEqualByComparingTo(cents);
        assertThat(rounded.scale()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{1} % of {0} = {2}")
    @CsvSource({
            "100000.00, 45, 45000.00",
            "100000.00, 12.5, 12500.00",
            "33333.33, 45, 14999.99",      // 14999.9985
            "1000.01, 33.33, 333.30",      // 333.303333
            "0.99, 50, 0.49",              // 0.495
            "0.01, 99.99, 0.00",
            "520000.00, 100, 520000.00",
            "0.00, 70, 0.00",
            "1.00, 0.01, 0.00",
    })
    void a_percentage_of_an_amount_is_rounded_down_to_the_cent(String amount, String percent, String expected) {
        BigDecimal share = Money.percentOf(new BigDecimal(amount), new BigDecimal(percent));
        assertThat(share).isEqualByComparingTo(expected);
        assertThat(share.scale()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} in French: {1}")
    @CsvSource(delimiter = '|', value = {
            "1234567.89 | 1_234_567,89~€",
            "1234567.891 | 1_234_567,89~€",
            "1234567.895 | 1_234_567,90~€",
            "0 | 0,00~€",
            "0.5 | 0,50~€",
            "999.99 | 999,99~€",
            "1000 | 1_000,00~€",
            "-1234.56 | -1_234,56~€",
            "12000000 | 12_000_000,00~€",
    })
    void amounts_are_written_the_french_way(String amount, String expected) {
        // _ stands for the narrow no-break space between thousands, ~ for the no-break space before the sign
        assertThat(Money.format(new BigDecimal(amount), Locale.FRANCE))
                .isEqualTo(expected.replace('_', NNBSP).replace('~', NBSP));
    }

    @ParameterizedTest(name = "{0} in English: {1}")
    @CsvSource(delimiter = '|', value = {
            "1234567.89 | €1,234,567.89",
            "1234567.891 | €1,234,567.89",
            "1234567.895 | €1,234,567.90",
            "0 | €0.00",
            "0.5 | €0.50",
            "1000 | €1,000.00",
            "-1234.56 | -€1,234.56",
            "12000000 | €12,000,000.00",
    })
    void amounts_are_written_the_english_way(String amount, String expected) {
        assertThat(Money.format(new BigDecimal(amount), Locale.UK)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in whole euros: {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "1234567.5 | 1_234_568~€ | €1,234,568",
            "1234567.49 | 1_234_567~€ | €1,234,567",
            "0 | 0~€ | €0",
            "-1500 | -1_500~€ | -€1,500",
    })
    void whole_euros_are_written_in_each_language(String amount, String french, String english) {
        assertThat(Money.formatWhole(new BigDecimal(amount), Locale.FRANCE))
                .isEqualTo(french.replace('_', NNBSP).replace('~', NBSP));
        assertThat(Money.formatWhole(new BigDecimal(amount), Locale.UK)).isEqualTo(english);
    }

    @ParameterizedTest(name = "{0} in a message: {1}")
    @CsvSource(delimiter = '|', value = {
            "520000.00 | 520,000.00 €",
            "520000 | 520,000.00 €",
            "0 | 0.00 €",
            "0.5 | 0.50 €",
            "999.99 | 999.99 €",
            "1234567.891 | 1,234,567.89 €",
            "-12.5 | -12.50 €",
    })
    void messages_write_amounts_one_way_whatever_the_language(String amount, String expected) {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);
            assertThat(Money.plain(new BigDecimal(amount))).isEqualTo(expected);
        } finally {
            Locale.setDefault(before);
        }
    }

    @org.junit.jupiter.api.Test
    void a_missing_amount_is_said_to_be_unknown_in_messages() {
        assertThat(Money.plain(null)).isEqualTo("an unknown amount");
    }
}
