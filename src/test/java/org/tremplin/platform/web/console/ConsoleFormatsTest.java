package org.tremplin.platform.web.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Amounts and dates as each language writes them, and money typed by people read back. */
class ConsoleFormatsTest {

    private final ConsoleFormats fmt = new ConsoleFormats();

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void amounts_are_written_the_french_way_in_french_and_the_english_way_in_english() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(fmt.money(new BigDecimal("1234567.891")).replace('\u202f', ' ').replace('\u00a0', ' '))
                .isEqualTo("1 234 567,89 €");
        assertThat(fmt.euros(new BigDecimal("1234567.5")).replace('\u202f', ' ').replace('\u00a0', ' ')).isEqualTo("1 234 568 €");
        assertThat(fmt.moneyInput(new BigDecimal("2500.5"))).isEqualTo("2500,50");
        assertThat(fmt.percent(new BigDecimal("45.5"))).isEqualTo("45,5\u00a0%");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(fmt.money(new BigDecimal("1234567.891"))).isEqualTo("€1,234,567.89");
        assertThat(fmt.moneyInput(new BigDecimal("2500.5"))).isEqualTo("2500.50");
        assertThat(fmt.money(null)).isEmpty();
    }

    @Test
    void dates_are_written_in_the_readers_language_and_instants_in_paris_time() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(fmt.date(LocalDate.of(2027, 3, 31))).isEqualTo("31 mars 2027");
        // 23:30 UTC on 31 December is already the new year in Paris
        assertThat(fmt.date(Instant.parse("2026-12-31T23:30:00Z"))).isEqualTo("1 janv. 2027");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(fmt.date(LocalDate.of(2027, 3, 31))).isEqualTo("31 Mar 2027");
        assertThat(fmt.dateInput(Instant.parse("2026-12-31T23:30:00Z"))).isEqualTo("2027-01-01");
    }

    @Test
    void money_typed_by_a_person_is_read_with_the_decimal_mark_of_their_language() {
        assertThat(ConsoleFormats.parseMoney("1 234 567,89 €", Locale.FRENCH)).contains(new BigDecimal("1234567.89"));
        assertThat(ConsoleFormats.parseMoney("1\u202f234,5", Locale.FRENCH)).contains(new BigDecimal("1234.5"));
        assertThat(ConsoleFormats.parseMoney("1.234.567", Locale.FRENCH)).contains(new BigDecimal("1234567"));
        assertThat(ConsoleFormats.parseMoney("1234.50", Locale.FRENCH)).contains(new BigDecimal("1234.50"));
        assertThat(ConsoleFormats.parseMoney("€1,234,567.89", Locale.ENGLISH)).contains(new BigDecimal("1234567.89"));
        assertThat(ConsoleFormats.parseMoney("1,234", Locale.ENGLISH)).contains(new BigDecimal("1234"));
        assertThat(ConsoleFormats.parseMoney("12,5", Locale.ENGLISH)).contains(new BigDecimal("12.5"));
        assertThat(ConsoleFormats.parseMoney("  ", Locale.ENGLISH)).isEmpty();
    }

    @Test
    void text_that_is_not_an_amount_is_refused_with_an_example_in_the_persons_language() {
        assertThatThrownBy(() -> ConsoleFormats.parseMoney("douze mille", Locale.FRENCH))
                .hasMessageContaining("n'est pas un montant").hasMessageContaining("1 234 567,89");
        assertThatThrownBy(() -> ConsoleFormats.parseMoney("-5", Locale.ENGLISH)).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> ConsoleFormats.parseMoney("12.345", Locale.ENGLISH)).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> ConsoleFormats.parseMoney("1e9", Locale.ENGLISH)).hasMessageContaining("is not an amount");
    }
}
