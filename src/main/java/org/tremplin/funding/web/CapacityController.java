package org.tremplin.funding.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.funding.api.CapacityOverviewView;
import org.tremplin.funding.api.CarrierCapacityView;
import org.tremplin.funding.api.FindCapacityOverviewQuery;
import org.tremplin.funding.api.FindCarrierCapacityQuery;
import org.tremplin.funding.api.FindProjectCapacityQuery;
import org.tremplin.funding.api.ProjectCapacityView;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.InputRules;
import org.tremplin.shared.Roles;

import java.util.List;

/**
 * The carrier-capacity check (src/docs/capacity.md): an organisation's load across all its running and candidate
 * projects, and the checks of a project's carrier and partners for its labelling. Pole staff and auditors (who read
 * everything) read any organisation's; a user acting for an organisation reads that organisation's own, never
 * another's; a project's checks are for pole staff, auditors and the project's reviewers. Everyone else: 403.
 */
@RestController
@Tag(name = "Funding", description = "Funders, calls, applications, conventions, payments, lead times")
class CapacityController {

    private final QueryGateway queryGateway;
    private final FundingReads reads;

    CapacityController(QueryGateway queryGateway, FundingReads reads) {
        this.queryGateway = queryGateway;
        this.reads = reads;
    }

    @GetMapping("/api/organisations/{id}/capacity")
    @Operation(summary = "An organisation's load across its running and candidate projects: effort, co-funding, "
            + "predicted payment dates, cash gap (median and p90) and the verdict (pole staff; a member for its own)")
    CarrierCapacityView organisation(@PathVariable("id") String organisationId, Authentication user) {
        InputRules.checkedId(organisationId, "organisationId");
        if (!insider(user) && !organisationsOf(user).contains(organisationId)) {
            throw DomainException.forbidden("Only pole staff, or a user acting for " + organisationId
                    + ", read this organisation's capacity check");
        }
        return queryGateway.query(new FindCarrierCapacityQuery(organisationId),
                        ResponseTypes.optionalInstanceOf(CarrierCapacityView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No organisation " + organisationId));
    }

    @GetMapping("/api/capacity")
    @Operation(summary = "Every member's load across the pole, the worst verdict first (pole staff and auditors)")
    CapacityOverviewView overview(Authentication user) {
        if (!insider(user)) {
            throw DomainException.forbidden("Only pole staff and auditors read the load of every member");
        }
        return queryGateway.query(new FindCapacityOverviewQuery(), ResponseTypes.instanceOf(CapacityOverviewView.class))
                .join();
    }

    @GetMapping("/api/projects/{id}/capacity")
    @Operation(summary = "The capacity checks of a project's carrier and partners, as the labelling step shows them "
            + "(pole staff, auditors and the project's reviewers)")
    ProjectCapacityView project(@PathVariable("id") String projectId, Authentication user) {
        InputRules.checkedId(projectId, "projectId");
        ProjectView project = reads.project(projectId)
                .orElseThrow(() -> insider(user) ? DomainException.notFound("No project " + projectId)
                        : DomainException.forbidden("Only pole staff and the project's reviewers read its capacity checks"));
        boolean reviewer = project.reviews().stream().anyMatch(r -> r.reviewerId().equals(user.getName()));
        if (!insider(user) && !reviewer) {
            throw DomainException.forbidden("Only pole staff and the project's reviewers read its capacity checks");
        }
        return queryGateway.query(new FindProjectCapacityQuery(projectId),
                ResponseTypes.instanceOf(ProjectCapacityView.class)).join();
    }

    /** Pole staff (and administrators) and auditors, who read everything (auditors change nothing). */
    private static boolean insider(Authentication user) {
        return FundingReads.isStaff(user) || CurrentUser.hasGroup(user, Roles.AUDITOR);
    }

    private List<String> organisationsOf(Authentication user) {
        return queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }
}
