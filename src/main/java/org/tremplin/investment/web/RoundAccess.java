package org.tremplin.investment.web;

import org.tremplin.investment.api.RoundView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each caller sees of a round. Pole staff, auditors and the company's members: everything. An invited investor
 * before its NDA: the round's name, status and closing date and its own invitation. After its NDA: the terms, the
 * documents' count, its own commitment and allocation, and the outcome; other investors (names and commitments) only
 * when the round shares commitments; never another investor's allocation.
 */
final class RoundAccess {

    enum Relation { STAFF, AUDITOR, COMPANY, INVESTOR }

    record Viewer(Relation relation, RoundView.Participant participant) {

        static Viewer of(Relation relation) {
            return new Viewer(relation, null);
        }

        boolean isInvestor() {
            return relation == Relation.INVESTOR;
        }

        String investorId() {
            return participant == null ? null : participant.investorId();
        }
    }

    private RoundAccess() {
    }

    static Map<String, Object> view(RoundView round, Viewer viewer) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", round.id());
        view.put("title", round.title());
        view.put("status", round.status());
        view.put("closingDate", round.terms().closingDate());
        if (!viewer.isInvestor()) {
            view.put("companyOrganisationId", round.companyOrganisationId());
            view.put("projectId", round.projectId());
            view.put("terms", round.terms());
            view.put("sharePassport", round.sharePassport());
            view.put("shareCommitments", round.shareCommitments());
            view.put("openedOn", round.openedOn());
            view.put("openedAt", round.openedAt());
            view.put("openedBy", round.openedBy());
            view.put("amendments", round.amendments());
            view.put("reconfirmBy", round.reconfirmBy());
            view.put("committedTotal", round.committedTotal());
            outcome(view, round);
            view.put("documents", round.documents());
            view.put("investors", round.investors());
            return view;
        }
        RoundView.Participant own = viewer.participant();
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("investorId", own.investorId());
        mine.put("investorName", own.investorName());
        mine.put("invitedAt", own.invitedAt());
        mine.put("ndaAcceptedAt", own.ndaAcceptedAt());
        view.put("invitation", mine);
        if (own.ndaAcceptedAt() == null) {
            view.put("ndaRequired", true);
            return view;
        }
        view.put("ndaRequired", false);
        view.put("companyOrganisationId", round.companyOrganisationId());
        view.put("projectId", round.projectId());
        view.put("terms", round.terms());
        view.put("amendments", round.amendments());
        view.put("documentCount", round.documents().size());
        mine.put("commitment", own.commitment());
        mine.put("commitmentStatus", own.commitmentStatus());
        mine.put("committedAt", own.committedAt());
        mine.put("allocation", own.allocation());
        mine.put("reconfirmBy", own.commitmentStatus() == org.tremplin.investment.api.CommitmentStatus.AWAITING_RECONFIRMATION
                ? round.reconfirmBy() : null);
        if (round.shareCommitments()) {
            view.put("committedTotal", round.committedTotal());
            view.put("otherCommitments", round.investors().stream()
                    .filter(p -> !p.investorId().equals(own.investorId()) && p.commitment() != null
                            && p.commitmentStatus() != null && counted(p))
                    .map(p -> Map.of("investorName", (Object) p.investorName(), "commitment", p.commitment()))
                    .toList());
        }
        if (own.allocation() != null) {
            outcome(view, round);
        }
        return view;
    }

    static Map<String, Object> allocation(RoundView round, Viewer viewer) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("roundId", round.id());
        view.put("status", round.status());
        if (viewer.isInvestor()) {
            RoundView.Participant own = viewer.participant();
            view.put("investorId", own.investorId());
            view.put("commitment", own.commitment());
            view.put("commitmentStatus", own.commitmentStatus());
            view.put("allocation", own.allocation());
            return view;
        }
        outcome(view, round);
        List<Map<String, Object>> lines = round.investors().stream().filter(p -> p.commitment() != null).map(p -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("investorId", p.investorId());
            line.put("investorName", p.investorName());
            line.put("commitment", p.commitment());
            line.put("commitmentStatus", p.commitmentStatus());
            line.put("allocation", p.allocation());
            return line;
        }).toList();
        view.put("allocations", lines);
        return view;
    }

    private static boolean counted(RoundView.Participant p) {
        return switch (p.commitmentStatus()) {
            case ACTIVE, AWAITING_RECONFIRMATION, ALLOCATED -> true;
            default -> false;
        };
    }

    private static void outcome(Map<String, Object> view, RoundView round) {
        view.put("raisedAmount", round.raisedAmount());
        view.put("postMoneyValuation", round.postMoneyValuation());
        view.put("oversubscribed", round.oversubscribed());
        view.put("closedEarly", round.closedEarly());
        view.put("closingReason", round.closingReason());
        view.put("closedOn", round.closedOn());
    }
}
