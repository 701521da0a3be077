package org.tremplin.investment.query;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tremplin.audit.api.FindSealStatusQuery;
import org.tremplin.audit.api.SealStatusView;
import org.tremplin.funding.api.FindFundingSummaryQuery;
import org.tremplin.funding.api.FundingSummaryView;
import org.tremplin.investment.api.DataRoomView;
import org.tremplin.investment.api.FundingPassportView;
import org.tremplin.investment.api.RoundView;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data room of a round: its documents and the project's funding passport, cut to what the project's
 * confidentiality level and the carrier's sharing choice allow.
 *
 * <table>
 *     <tr><th>confidentiality</th><th>title</th><th>label decision</th><th>reasons, conclusions, score</th>
 *     <th>per funder and convention</th><th>totals, seal verification</th></tr>
 *     <tr><td>PUBLIC, MEMBERS</td><td>yes</td><td>yes</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *     <tr><td>CONSORTIUM</td><td>yes</td><td>yes</td><td>withheld</td><td>yes</td><td>yes</td></tr>
 *     <tr><td>RESTRICTED</td><td>withheld</td><td>yes</td><td>withheld</td><td>withheld</td><td>yes</td></tr>
 * </table>
 * A round whose carrier chose not to share the passport ({@code sharePassport} false) shows none.
 */
@Component
public class FundingPassports {

    private static final Logger log = LoggerFactory.getLogger(FundingPassports.class);

    private final QueryGateway queryGateway;

    public FundingPassports(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    public DataRoomView dataRoom(RoundView round) {
        if (round.projectId() == null) {
            return new DataRoomView(round.id(), round.title(), round.documents(), null,
                    "A member company's round on its own: there is no project to draw a funding passport from");
        }
        if (!round.sharePassport()) {
            return new DataRoomView(round.id(), round.title(), round.documents(), null,
                    "The carrier does not share the project's funding passport in this round");
        }
        Optional<ProjectView> found = queryGateway.query(new FindProjectQuery(round.projectId()),
                ResponseTypes.optionalInstanceOf(ProjectView.class)).join();
        if (found.isEmpty()) {
            return new DataRoomView(round.id(), round.title(), round.documents(), null, "The project's file is not available");
        }
        return new DataRoomView(round.id(), round.title(), round.documents(), passport(found.get()), null);
    }

    private FundingPassportView passport(ProjectView project) {
        ConfidentialityLevel level = project.confidentiality() == null ? ConfidentialityLevel.RESTRICTED : project.confidentiality();
        boolean conclusions = level == ConfidentialityLevel.PUBLIC || level == ConfidentialityLevel.MEMBERS;
        boolean detail = level != ConfidentialityLevel.RESTRICTED;
        List<String> withheld = new ArrayList<>();
        if (!conclusions) {
            withheld.addAll(List.of("labelReasons", "conclusionsMessage", "averageScore"));
        }
        if (!detail) {
            withheld.addAll(List.of("title", "funders"));
        }
        FundingSummaryView funding = queryGateway.query(new FindFundingSummaryQuery(project.id()),
                ResponseTypes.instanceOf(FundingSummaryView.class)).join();
        BigDecimal granted = funding == null ? BigDecimal.ZERO.setScale(2) : funding.grantedTotal();
        BigDecimal paid = funding == null ? BigDecimal.ZERO.setScale(2) : funding.paidTotal();
        List<FundingPassportView.FunderLine> funders = !detail || funding == null ? null : funding.funders().stream()
                .map(f -> new FundingPassportView.FunderLine(f.funderId(), f.funderName(), f.grantedTotal(), f.paidTotal(),
                        f.partners().stream().map(p -> conventionLine(p.conventionId(), p.organisationId(),
                                p.conventionStatus() == null ? null : p.conventionStatus().name(), p.grantedAmount(),
                                p.paidTotal())).toList()))
                .toList();
        return new FundingPassportView(project.id(), detail ? project.title() : null, level.name(), project.status().name(),
                project.labelDecision(), project.labelDecidedAt(), conclusions ? project.labelReasons() : null,
                conclusions ? project.conclusionsMessage() : null, conclusions ? project.averageScore() : null,
                granted, paid, funders, verification(), List.copyOf(withheld), consortiumAgreement(project.id()),
                partnerPoleLabels(project.id(), conclusions));
    }

    /** The consortium agreement's status and version, who owns and exploits what staying with the consortium. */
    private FundingPassportView.ConsortiumAgreementLine consortiumAgreement(String projectId) {
        return queryGateway.query(new org.tremplin.project.api.FindConsortiumAgreementQuery(projectId),
                        ResponseTypes.optionalInstanceOf(org.tremplin.project.api.ConsortiumAgreementView.class)).join()
                .map(a -> new FundingPassportView.ConsortiumAgreementLine(a.status(), a.version(), a.fullySignedAt()))
                .orElse(new FundingPassportView.ConsortiumAgreementLine("NONE", null, null));
    }

    /** The labels partner poles granted the project (co-labelling), with their conclusions where reasons are shown. */
    private List<FundingPassportView.PartnerPoleLabel> partnerPoleLabels(String projectId, boolean conclusions) {
        return queryGateway.query(new org.tremplin.project.api.FindCoLabelsOfProjectQuery(projectId),
                        ResponseTypes.multipleInstancesOf(org.tremplin.project.api.CoLabelView.class)).join().stream()
                .filter(c -> c.status() == org.tremplin.project.api.CoLabelStatus.GRANTED)
                .map(c -> new FundingPassportView.PartnerPoleLabel(c.poleId(), c.poleName(), c.decidedAt(),
                        conclusions ? c.conclusions() : null))
                .toList();
    }

    /** A convention's line with its milestones, read from the convention's own read model. */
    private FundingPassportView.ConventionLine conventionLine(String conventionId, String organisationId, String status,
                                                              BigDecimal granted, BigDecimal paid) {
        var convention = queryGateway.query(new org.tremplin.funding.api.FindConventionQuery(conventionId),
                ResponseTypes.optionalInstanceOf(org.tremplin.funding.api.ConventionView.class)).join();
        if (convention.isEmpty()) {
            return new FundingPassportView.ConventionLine(conventionId, organisationId, status, granted, paid, null, List.of());
        }
        var view = convention.get();
        List<FundingPassportView.Milestone> milestones = new ArrayList<>();
        if (view.signedAt() != null) {
            milestones.add(new FundingPassportView.Milestone("CONVENTION_SIGNED", view.signedAt(), view.grantedAmount()));
        }
        view.payments().stream().filter(p -> p.kind() == org.tremplin.funding.api.PaymentKind.ADVANCE)
                .forEach(p -> milestones.add(new FundingPassportView.Milestone("ADVANCE_PAID", p.paidAt(), p.amount())));
        view.statements().stream().filter(st -> st.approvedAmount() != null && st.decidedAt() != null)
                .forEach(st -> milestones.add(new FundingPassportView.Milestone("EXPENSES_APPROVED", st.decidedAt(), st.approvedAmount())));
        if (view.finalReportAcceptedAt() != null) {
            milestones.add(new FundingPassportView.Milestone("FINAL_REPORT_ACCEPTED", view.finalReportAcceptedAt(), null));
        }
        view.payments().stream().filter(p -> p.kind() == org.tremplin.funding.api.PaymentKind.BALANCE)
                .forEach(p -> milestones.add(new FundingPassportView.Milestone("BALANCE_PAID", p.paidAt(), p.amount())));
        milestones.sort(java.util.Comparator.comparing(FundingPassportView.Milestone::at));
        return new FundingPassportView.ConventionLine(conventionId, organisationId, status, granted, paid, view.approvedTotal(),
                List.copyOf(milestones));
    }

    private static DomainException conflictIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DomainException domain && domain.kind() == DomainException.Kind.CONFLICT) {
                return domain;
            }
        }
        return null;
    }

    private FundingPassportView.Verification verification() {
        try {
            SealStatusView status = queryGateway.query(new FindSealStatusQuery(), ResponseTypes.instanceOf(SealStatusView.class))
                    .join();
            return new FundingPassportView.Verification(true, status.verified(), status.status(), status.sealedThrough(),
                    status.unsealedEvents(), status.problem(), status.checkedAt());
        } catch (RuntimeException e) {
            DomainException busy = conflictIn(e);
            if (busy != null) {
                // a verification running on this node (an auditor's, a first one recomputing a large chain): expected,
                // said on the passport, not a fault to log with its stack at every view
                log.info("Seal verification not known for a funding passport: {}", busy.getMessage());
                return new FundingPassportView.Verification(false, null, null, null, null, busy.getMessage(), null);
            }
            log.warn("Seal verification unavailable for a funding passport", e);
            return new FundingPassportView.Verification(false, null, null, null, null, "Seal verification unavailable",
                    null);
        }
    }
}
