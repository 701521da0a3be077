package org.tremplin.project.web;

import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.Roles;

import java.util.Collection;
import java.util.List;

/**
 * Who sees what of a project, from its confidentiality level (table in the README). The project lists apply the same
 * rules in SQL to read one page ({@link org.tremplin.project.api.FindVisibleProjectsPageQuery}) and check each row
 * here again; a change here must be made there too ({@code ProjectListPagesTest} compares the two relation by
 * relation).
 */
final class ProjectAccess {

    enum Level { NONE, SUMMARY, FILE }

    enum Relation {
        STAFF, AUDITOR, REVIEWER, CARRIER, PARTNER_WITH_NDA, PARTNER_WITHOUT_NDA, MEMBER, OTHER,
        /** A partner pole's user: sees no project ... */
        PARTNER_POLE,
        /** ... but those its pole is asked to label (co-labelling; {@link CoLabelAccess} tells). */
        ASKED_POLE
    }

    private ProjectAccess() {
    }

    static Relation relation(ProjectView project, String userId, Collection<String> groups, List<String> userOrganisations) {
        if (groups.contains(Roles.POLE_STAFF)) {
            return Relation.STAFF;
        }
        if (groups.contains(Roles.AUDITOR)) {
            return Relation.AUDITOR;
        }
        if (groups.contains(Roles.PARTNER_POLE)) {
            return Relation.PARTNER_POLE;
        }
        if (userOrganisations.contains(project.carrierOrganisationId())) {
            return Relation.CARRIER;
        }
        if (project.reviews().stream().anyMatch(review -> review.reviewerId().equals(userId))) {
            return Relation.REVIEWER;
        }
        // A user acting for several partners of the project is covered by the NDA if any of them signed it (the SQL
        // of the project lists reads it so too).
        List<ProjectView.PartnerView> partners = project.partners().stream()
                .filter(p -> p.status() == PartnerStatus.INVITED || p.status() == PartnerStatus.JOINED)
                .filter(p -> userOrganisations.contains(p.organisationId()))
                .toList();
        if (!partners.isEmpty()) {
            return partners.stream().anyMatch(p -> p.ndaSignedAt() != null)
                    ? Relation.PARTNER_WITH_NDA : Relation.PARTNER_WITHOUT_NDA;
        }
        return userOrganisations.isEmpty() ? Relation.OTHER : Relation.MEMBER;
    }

    static Level level(ConfidentialityLevel confidentiality, Relation relation) {
        return switch (relation) {
            case STAFF, AUDITOR, REVIEWER, CARRIER, PARTNER_WITH_NDA, ASKED_POLE -> Level.FILE;
            case PARTNER_POLE -> Level.NONE;
            case PARTNER_WITHOUT_NDA -> switch (confidentiality) {
                case PUBLIC -> Level.FILE;
                case MEMBERS, CONSORTIUM -> Level.SUMMARY;
                case RESTRICTED -> Level.NONE;
            };
            case MEMBER -> switch (confidentiality) {
                case PUBLIC -> Level.FILE;
                case MEMBERS -> Level.SUMMARY;
                case CONSORTIUM, RESTRICTED -> Level.NONE;
            };
            case OTHER -> confidentiality == ConfidentialityLevel.PUBLIC ? Level.FILE : Level.NONE;
        };
    }
}
