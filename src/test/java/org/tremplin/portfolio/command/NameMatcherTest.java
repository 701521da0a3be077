package org.tremplin.portfolio.command;

import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.OrganisationKind;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import's rules on single values: name matching, category mapping, dates and amounts as the export has them. */
class NameMatcherTest {

    @Test
    void names_equal_once_case_accents_punctuation_legal_forms_articles_plurals_and_word_order_are_set_aside_match() {
        assertThat(NameMatcher.key("METEO-FRANCE")).isEqualTo(NameMatcher.key("Météo France"));
        assertThat(NameMatcher.key("BRGM SA")).isEqualTo(NameMatcher.key("BRGM"));
        assertThat(NameMatcher.key("Université d'Aix-Marseille")).isEqualTo(NameMatcher.key("Aix-Marseille Université"));
        assertThat(NameMatcher.key("Univ. de Lorraine")).isEqualTo(NameMatcher.key("Université de Lorraine"));
        assertThat(NameMatcher.key("Office National d'Etudes et de Recherches Aérospatiales"))
                .isEqualTo(NameMatcher.key("Office National Etudes Recherches Aerospatiale"));
    }

    @Test
    void one_typing_slip_in_one_long_word_matches_and_nothing_fuzzier_does() {
        assertThat(NameMatcher.oneSlipApart(NameMatcher.key("Office National d'Etudes et de Recheches Aérospatiales"),
                NameMatcher.key("Office National d'Etudes et de Recherches Aérospatiales"))).isTrue();
        assertThat(NameMatcher.oneSlipApart(NameMatcher.key("Université de Montpellier I"),
                NameMatcher.key("Université de Montpellier II"))).isFalse();
        assertThat(NameMatcher.oneSlipApart(NameMatcher.key("Université de Nîmes"), NameMatcher.key("Université de Nice")))
                .isFalse();
        assertThat(NameMatcher.oneSlipApart(NameMatcher.key("Ecole Nationale Supérieure d'Architecture Lille"),
                NameMatcher.key("Ecole Nationale Supérieure d'Architecture Lyon"))).isFalse();
        assertThat(NameMatcher.reason("BRGM", "BRGM SA")).contains("legal forms");
        assertThat(NameMatcher.reason("Météo France", "METEO-FRANCE")).contains("punctuation");
        assertThat(NameMatcher.reason("Aix-Marseille Université", "Université d'Aix-Marseille")).contains("another order");
    }

    @Test
    void anr_categories_map_to_kinds_and_not_filled_in_is_unknown() {
        assertThat(CategoryMapping.kind("Universités, INSA et INP")).isEqualTo(OrganisationKind.RESEARCH_LAB);
        assertThat(CategoryMapping.kind("Organismes de type EPST")).isEqualTo(OrganisationKind.RESEARCH_LAB);
        assertThat(CategoryMapping.kind("Organismes de Type EPIC")).isEqualTo(OrganisationKind.RESEARCH_LAB);
        assertThat(CategoryMapping.kind("Entreprises Privées")).isEqualTo(OrganisationKind.COMPANY);
        assertThat(CategoryMapping.kind("Fondations")).isEqualTo(OrganisationKind.OTHER);
        assertThat(CategoryMapping.kind("Organismes Médicaux (Hôpitaux)")).isEqualTo(OrganisationKind.OTHER);
        assertThat(CategoryMapping.kind("Non renseigné")).isEqualTo(OrganisationKind.UNKNOWN);
        assertThat(CategoryMapping.kind("")).isEqualTo(OrganisationKind.UNKNOWN);
        assertThat(CategoryMapping.kind("Une catégorie nouvelle")).isEqualTo(OrganisationKind.OTHER);
    }

    @Test
    void dates_are_spreadsheet_day_numbers_or_iso_dates_and_aid_is_euros_to_the_cent() {
        assertThat(ImportPlan.startDate("44440")).isEqualTo(LocalDate.of(2021, 9, 1));
        assertThat(ImportPlan.startDate("2021-09-01")).isEqualTo(LocalDate.of(2021, 9, 1));
        assertThat(ImportPlan.startDate("")).isNull();
        assertThatThrownBy(() -> ImportPlan.startDate("yesterday")).isInstanceOf(ImportPlan.Refused.class);
        assertThat(ImportPlan.aid("7274998.8")).isEqualByComparingTo("7274998.80");
        assertThat(ImportPlan.aid("0")).isEqualByComparingTo("0");
        // the spreadsheet conversion's floating-point noise is that cent; a real fraction of a cent is refused
        assertThat(ImportPlan.aid("9999997.810000001").toPlainString()).isEqualTo("9999997.81");
        assertThatThrownBy(() -> ImportPlan.aid("12.345")).isInstanceOf(ImportPlan.Refused.class);
        assertThatThrownBy(() -> ImportPlan.aid("-5")).isInstanceOf(ImportPlan.Refused.class);
        assertThatThrownBy(() -> ImportPlan.aid("lots")).isInstanceOf(ImportPlan.Refused.class);
    }
}
