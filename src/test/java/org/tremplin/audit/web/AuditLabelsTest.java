package org.tremplin.audit.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.tremplin.funding.api.FundingEvent;
import org.tremplin.investment.api.InvestmentEvent;
import org.tremplin.organisation.api.OrganisationEvent;
import org.tremplin.project.api.ProjectEvent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit pages name every event of the four families in French (the bundle), and fall back to its words. */
class AuditLabelsTest {

    private static AuditLabels labels() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/audit");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        return new AuditLabels(messages);
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void every_event_of_every_family_has_a_french_name() {
        AuditLabels labels = labels();
        LocaleContextHolder.setLocale(Locale.FRENCH);
        for (Class<?> family : List.of(OrganisationEvent.class, ProjectEvent.class, FundingEvent.class, InvestmentEvent.class)) {
            for (Class<?> event : family.getPermittedSubclasses()) {
                String type = event.getSimpleName();
                assertThat(labels.type(type)).as("French name of %s", type).isNotBlank()
                        .isNotEqualTo(AuditLabels.words(type));
            }
        }
        assertThat(labels.type("LabelGrantedEvent")).isEqualTo("Label accordé");
    }

    @Test
    void in_english_an_event_reads_as_its_words_unless_the_bundle_names_it() {
        AuditLabels labels = labels();
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.type("LabelGrantedEvent")).isEqualTo("Label granted");
        assertThat(labels.type("NdaSignedEvent")).isEqualTo("NDA signed");
        assertThat(labels.type("SomethingNewEvent")).isEqualTo("Something new");
        assertThat(labels.type(null)).isEmpty();
    }

    @Test
    void durations_read_in_the_largest_two_units() {
        AuditLabels labels = labels();
        assertThat(labels.duration(12)).isEqualTo("12 s");
        assertThat(labels.duration(249L)).isEqualTo("4 min 09 s");
        assertThat(labels.duration(7500)).isEqualTo("2 h 05 min");
        assertThat(labels.duration(3 * 86400 + 4 * 3600 + 59)).isEqualTo("3 d 4 h");
        assertThat(labels.duration("12")).isEmpty();
        assertThat(labels.duration(null)).isEmpty();
    }
}
