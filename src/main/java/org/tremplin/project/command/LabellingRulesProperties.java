package org.tremplin.project.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tremplin.organisation.api.OrganisationKind;

import java.util.Set;

@Configuration
@org.springframework.boot.context.properties.EnableConfigurationProperties(LabellingRulesProperties.Settings.class)
class LabellingRulesProperties {

    @ConfigurationProperties("tremplin.labelling")
    record Settings(Integer minCompanies, Integer minResearchLabs, Set<OrganisationKind> leadKinds, Integer minReviewers,
                    Integer redressDays, String panelMix) {
    }

    @Bean
    LabellingRules labellingRules(Settings settings) {
        LabellingRules defaults = LabellingRules.nationalDefault();
        return new LabellingRules(
                settings.minCompanies() != null ? settings.minCompanies() : defaults.minCompanies(),
                settings.minResearchLabs() != null ? settings.minResearchLabs() : defaults.minResearchLabs(),
                settings.leadKinds() != null && !settings.leadKinds().isEmpty() ? settings.leadKinds() : defaults.leadKinds(),
                settings.minReviewers() != null ? settings.minReviewers() : defaults.minReviewers(),
                LabellingRules.parsePanelMix(settings.panelMix()));
    }

    @Bean
    RedressRules redressRules(Settings settings) {
        return settings.redressDays() != null ? new RedressRules(settings.redressDays()) : RedressRules.defaults();
    }
}
