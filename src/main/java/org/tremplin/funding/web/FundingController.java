package org.tremplin.funding.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.funding.api.ConventionView;
import org.tremplin.funding.api.FindConventionQuery;
import org.tremplin.funding.api.FindFunderLedgerQuery;
import org.tremplin.funding.api.FindFunderQuery;
import org.tremplin.funding.api.FindFundersOfUserQuery;
import org.tremplin.funding.api.FindFundingApplicationQuery;
import org.tremplin.funding.api.FindFundingSummaryQuery;
import org.tremplin.funding.api.FindLeadTimesQuery;
import org.tremplin.funding.api.FunderLedgerView;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.FundingApplicationView;
import org.tremplin.funding.api.FundingSummaryView;
import org.tremplin.funding.api.LeadTimeStatsView;
import org.tremplin.funding.query.FundingAsOf;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The funding of projects, read only: a project's funding summary, applications, conventions, a funder's ledger and
 * the funders' lead times. Pole staff and auditors read everything; a funder's users read what concerns their funder
 * (and only their funder's part of a project's summary); the users of the project's consortium organisations (carrier,
 * joined partners under NDA, as for the project file) read its summary, applications and conventions; lead-time
 * statistics (aggregated, without project data) are open to every signed-in user.
 */
@RestController
@Tag(name = "Funding", description = "Projects' funding: applications, conventions, payments, state aid, funders' ledgers and lead times")
class FundingController {

    private final QueryGateway queryGateway;
    private final FundingAsOf asOfRebuilder;
    private final org.axonframework.commandhandling.gateway.CommandGateway commandGateway;

    FundingController(QueryGateway queryGateway, FundingAsOf asOfRebuilder,
                      org.axonframework.commandhandling.gateway.CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.asOfRebuilder = asOfRebuilder;
    }

    @GetMapping("/api/projects/{projectId}/funding")
    @Operation(summary = "A project's funding: totals, per funder its applications and partners' conventions, per partner "
            + "its cross-funder state aid (staff, auditors, the consortium; a funder's users see their funder's part only); "
            + "with asOf (pole staff, auditors), as it stood at that instant, rebuilt from the events")
    FundingSummaryView summary(@PathVariable String projectId,
                               @Parameter(description = "an instant (ISO-8601, e.g. 2027-03-31T23:59:59Z): the funding as it "
                                       + "stood then, replayed from the events (pole staff, auditors)")
                               @RequestParam(required = false) OffsetDateTime asOf, Authentication user) {
        if (asOf != null) {
            requireAuditReader(user, "a project's funding");
            FundingSummaryView then = asOfRebuilder.summary(projectId, asOf.toInstant())
                    .orElseThrow(() -> DomainException.notFound("Project " + projectId + " did not exist at " + asOf));
            logAuditRead(user, "/api/projects/" + projectId + "/funding", asOf);
            return then;
        }
        Optional<ProjectView> project = project(projectId);
        FundingSummaryView summary = queryGateway.query(new FindFundingSummaryQuery(projectId),
                ResponseTypes.instanceOf(FundingSummaryView.class)).join();
        if (project.isEmpty() && summary.funders().isEmpty()) {
            throw noProject(projectId);
        }
        if (isInsider(user) || project.map(p -> inConsortium(p, user)).orElse(false)) {
            return summary;
        }
        Set<String> funders = fundersOf(user);
        if (summary.funders().stream().anyMatch(f -> funders.contains(f.funderId()))) {
            return summary.restrictedTo(funders);
        }
        // hidden answers exactly as missing: a project's existence is not leaked through its funding
        throw noProject(projectId);
    }

    @GetMapping("/api/funding/applications/{applicationId}")
    @Operation(summary = "A funding application: every partner's request and grant, status, reasons, dates, conventions "
            + "(staff, auditors, the funder's users, the project's consortium)")
    FundingApplicationView application(@PathVariable String applicationId, Authentication user) {
        FundingApplicationView application = queryGateway.query(new FindFundingApplicationQuery(applicationId),
                        ResponseTypes.optionalInstanceOf(FundingApplicationView.class)).join()
                .filter(found -> mayRead(user, found.funderId(), found.projectId()))
                .orElseThrow(() -> DomainException.notFound("No funding application " + applicationId));
        return application;
    }

    @GetMapping("/api/funding/conventions/{conventionId}")
    @Operation(summary = "A convention: status, grant, rate, schedule, paid, approved, remaining, every version, expense "
            + "statements, payments with pooled-fund shares, overdue stages (staff, auditors, the funder's users, the consortium); "
            + "with asOf (pole staff, auditors), as it stood at that instant, rebuilt from the events")
    ConventionView convention(@PathVariable String conventionId,
                              @Parameter(description = "an instant (ISO-8601, e.g. 2027-03-31T23:59:59Z): the convention as "
                                      + "it stood then, replayed from the events (pole staff, auditors)")
                              @RequestParam(required = false) OffsetDateTime asOf, Authentication user) {
        if (asOf != null) {
            requireAuditReader(user, "a convention");
            ConventionView then = asOfRebuilder.convention(conventionId, asOf.toInstant())
                    .orElseThrow(() -> DomainException.notFound("Convention " + conventionId + " did not exist at " + asOf));
            logAuditRead(user, "/api/funding/conventions/" + conventionId, asOf);
            return then;
        }
        ConventionView convention = queryGateway.query(new FindConventionQuery(conventionId),
                        ResponseTypes.optionalInstanceOf(ConventionView.class)).join()
                .filter(found -> mayRead(user, found.funderId(), found.projectId()))
                .orElseThrow(() -> DomainException.notFound("No convention " + conventionId));
        return convention;
    }

    @GetMapping("/api/funders/{funderId}/ledger")
    @Operation(summary = "A funder's ledger: every payment it made or bore through its share of a pooled fund, and the "
            + "totals granted, paid and remaining over its conventions (staff, auditors, the funder's users)")
    FunderLedgerView ledger(@PathVariable String funderId, Authentication user) {
        // who may read comes first, so that the refusal is the same whether the funder exists or not
        if (!isInsider(user) && !fundersOf(user).contains(funderId)) {
            throw DomainException.forbidden("Only pole staff, auditors and " + funderId + "'s users read its ledger");
        }
        FunderLedgerView ledger = queryGateway.query(new FindFunderLedgerQuery(funderId),
                        ResponseTypes.optionalInstanceOf(FunderLedgerView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No funder " + funderId));
        return isInsider(user) ? ledger : ledger.asSeenByItsUsers();
    }

    @GetMapping("/api/funding/lead-times")
    @Operation(summary = "Lead times per funder and stage from the recorded events: count, median and 90th percentile "
            + "(nearest rank) in days and seconds, the funder's service level and how many exceeded it (every signed-in user)")
    LeadTimeStatsView leadTimes(@Parameter(description = "one funder; all funders when absent")
                                @RequestParam(required = false) String funderId) {
        if (funderId != null && !funderId.isBlank()) {
            queryGateway.query(new FindFunderQuery(funderId.strip()), ResponseTypes.optionalInstanceOf(FunderView.class))
                    .join().orElseThrow(() -> DomainException.notFound("No funder " + funderId.strip()));
        }
        return queryGateway.query(new FindLeadTimesQuery(funderId), ResponseTypes.instanceOf(LeadTimeStatsView.class)).join();
    }

    /**
     * Pole staff, auditors, the funder's users and the project's consortium read an application or a convention; anyone
     * else is answered exactly as if it did not exist (404, same detail), so that its existence is not leaked.
     */
    private boolean mayRead(Authentication user, String funderId, String projectId) {
        return isInsider(user) || fundersOf(user).contains(funderId)
                || project(projectId).map(p -> inConsortium(p, user)).orElse(false);
    }

    private static DomainException noProject(String projectId) {
        return DomainException.notFound("No project " + projectId);
    }

    /** As for a project as of an instant: only pole staff and auditors read a past state. */
    private static void requireAuditReader(Authentication user, String what) {
        if (!isInsider(user)) {
            throw DomainException.forbidden("Only pole staff and auditors read " + what + " as of a past instant");
        }
    }

    /** An as-of read is an audit read: it goes to the audit access log. */
    private void logAuditRead(Authentication user, String resource, OffsetDateTime asOf) {
        commandGateway.sendAndWait(new org.tremplin.audit.api.RecordAuditReadCommand(user.getName(), CurrentUser.groups(user),
                resource, "asOf=" + asOf));
    }

    private static boolean isInsider(Authentication user) {
        return CurrentUser.hasGroup(user, Roles.POLE_STAFF) || CurrentUser.hasGroup(user, Roles.AUDITOR);
    }

    /**
     * As for the project's file: the carrier's users and the users of partners who joined and signed the NDA (an invited
     * partner, or one not under NDA, does not read the consortium's money).
     */
    private boolean inConsortium(ProjectView project, Authentication user) {
        List<String> organisations = queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
        if (organisations.isEmpty()) {
            return false;
        }
        return organisations.contains(project.carrierOrganisationId()) || project.partners().stream()
                .filter(p -> p.status() == PartnerStatus.JOINED && p.ndaSignedAt() != null)
                .anyMatch(p -> organisations.contains(p.organisationId()));
    }

    private Set<String> fundersOf(Authentication user) {
        return queryGateway.query(new FindFundersOfUserQuery(user.getName()), ResponseTypes.multipleInstancesOf(String.class))
                .join().stream().collect(Collectors.toSet());
    }

    private Optional<ProjectView> project(String projectId) {
        return queryGateway.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class)).join();
    }
}
