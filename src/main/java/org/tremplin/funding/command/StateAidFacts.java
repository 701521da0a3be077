package org.tremplin.funding.command;

import org.tremplin.funding.api.EnterpriseSize;
import org.tremplin.organisation.api.OrganisationKind;

import java.math.BigDecimal;
import java.util.List;

/**
 * How a partner and a consortium are classified for the EU state-aid ceiling (Regulation (EU) 651/2014):
 * the partner's size and whether the project is an effective collaboration (art. 25(6)(b)(i)).
 */
public final class StateAidFacts {

    /** Annex I GBER: small under 50 people, medium under 250 (turnover tests are not recorded here). */
    static final int SMALL_HEADCOUNT = 50;
    /** Art. 25(6)(b)(i): no single undertaking bears more than 70 % of the eligible costs. */
    static final BigDecimal MAX_SINGLE_SHARE = new BigDecimal("0.70");

    /** One partner of an application: its kind and its eligible costs. */
    public record Participant(OrganisationKind kind, BigDecimal eligibleCost) {
    }

    private StateAidFacts() {
    }

    /**
     * The partner's size: an SME is small under 50 people and medium otherwise; mid-size and large companies, and any
     * other kind of organisation, are large (the prudent reading); a research lab is a research organisation.
     */
    public static EnterpriseSize size(OrganisationKind kind, int headcount) {
        return switch (kind) {
            case SME -> headcount < SMALL_HEADCOUNT ? EnterpriseSize.SMALL : EnterpriseSize.MEDIUM;
            case RESEARCH_LAB -> EnterpriseSize.RESEARCH_ORGANISATION;
            default -> EnterpriseSize.LARGE;
        };
    }

    /**
     * Effective collaboration: at least two partners, at least one an SME or a research lab, and no company bearing
     * more than 70 % of the application's eligible costs.
     */
    public static boolean effectiveCollaboration(List<Participant> participants) {
        if (participants.size() < 2) {
            return false;
        }
        boolean smeOrLab = participants.stream()
                .anyMatch(p -> p.kind() == OrganisationKind.SME || p.kind() == OrganisationKind.RESEARCH_LAB);
        BigDecimal total = participants.stream().map(Participant::eligibleCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (!smeOrLab || total.signum() == 0) {
            return false;
        }
        BigDecimal limit = total.multiply(MAX_SINGLE_SHARE);
        return participants.stream().filter(p -> p.kind() != OrganisationKind.RESEARCH_LAB)
                .noneMatch(p -> p.eligibleCost().compareTo(limit) > 0);
    }
}
