package org.tremplin.portfolio.command;

import org.tremplin.organisation.api.OrganisationKind;

import java.util.Locale;
import java.util.Map;

/**
 * The ANR organisation category mapped to Tremplin's {@link OrganisationKind}: universities, schools, public research
 * bodies (EPST, EPIC) and the like are research labs; "Entreprises Privées" are companies whose size the data set does
 * not give ({@link OrganisationKind#COMPANY}, never an SME by guess); foundations, associations, hospitals,
 * ministries, local authorities and foreign bodies are {@link OrganisationKind#OTHER}; "Non renseigné" or an empty cell
 * is {@link OrganisationKind#UNKNOWN}. A category not listed here is OTHER, its text kept on the organisation.
 */
final class CategoryMapping {

    static final Map<String, OrganisationKind> KINDS = Map.ofEntries(
            Map.entry("universites, insa et inp", OrganisationKind.RESEARCH_LAB),
            Map.entry("organismes de type epst", OrganisationKind.RESEARCH_LAB),
            Map.entry("organismes de type epic", OrganisationKind.RESEARCH_LAB),
            Map.entry("ens et grands etablissements", OrganisationKind.RESEARCH_LAB),
            Map.entry("grandes ecoles publiques", OrganisationKind.RESEARCH_LAB),
            Map.entry("comue pole de recherche et d'enseignement superieur", OrganisationKind.RESEARCH_LAB),
            Map.entry("observatoires", OrganisationKind.RESEARCH_LAB),
            Map.entry("iep", OrganisationKind.RESEARCH_LAB),
            Map.entry("inha", OrganisationKind.RESEARCH_LAB),
            Map.entry("entreprises privees", OrganisationKind.COMPANY),
            Map.entry("fondations", OrganisationKind.OTHER),
            Map.entry("associations", OrganisationKind.OTHER),
            Map.entry("autres etablissements (publics)", OrganisationKind.OTHER),
            Map.entry("organismes medicaux (hopitaux)", OrganisationKind.OTHER),
            Map.entry("etablissements de sante", OrganisationKind.OTHER),
            Map.entry("epa, gip, organismes avec autre statut", OrganisationKind.OTHER),
            Map.entry("autres ecoles (privees)", OrganisationKind.OTHER),
            Map.entry("gie ou non-affecte", OrganisationKind.OTHER),
            Map.entry("ministeres", OrganisationKind.OTHER),
            Map.entry("collectivites", OrganisationKind.OTHER),
            Map.entry("etranger", OrganisationKind.OTHER));

    private CategoryMapping() {
    }

    static OrganisationKind kind(String category) {
        if (AnrFiles.unknown(category)) {
            return OrganisationKind.UNKNOWN;
        }
        String plain = java.text.Normalizer.normalize(category.strip(), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return KINDS.getOrDefault(plain, OrganisationKind.OTHER);
    }
}
