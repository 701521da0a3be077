package org.tremplin.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.organisation.api.FindPartnerPoleQuery;
import org.tremplin.organisation.api.PartnerPoleView;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.project.api.CoLabelStatus;
import org.tremplin.project.api.CoLabelView;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.RequestCoLabelCommand;
import org.tremplin.project.process.CoLabellings;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Co-labelling (issue 13): the carrier or pole staff ask a partner pole for its label and may withdraw a pending
 * request; a user of that pole decides through its task ({@code user_decide_colabel}, {@code /api/tasks}); every
 * reader of the file sees every pole's label.
 */
@RestController
@RequestMapping("/api/projects/{id}/co-labels")
@Tag(name = "Co-labelling", description = "A project's labels by partner poles: requests, decisions, withdrawals")
class CoLabelController {

    private final QueryGateway queryGateway;
    private final CoLabellings coLabellings;
    private final CoLabelAccess access;
    private final ReadModels readModels;

    CoLabelController(QueryGateway queryGateway, CoLabellings coLabellings, CoLabelAccess access,
                      ReadModels readModels) {
        this.queryGateway = queryGateway;
        this.coLabellings = coLabellings;
        this.access = access;
        this.readModels = readModels;
    }

    record CoLabelRequest(@NotBlank @Size(max = 64) String poleId, @Size(max = 4000) String message) {
    }

    record WithdrawRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    @PostMapping
    @Operation(summary = "Ask a partner pole for its label on the project, once it is submitted for labelling here "
            + "(the carrier's users or pole staff; one pending request per pole)")
    ResponseEntity<Map<String, String>> request(@PathVariable String id, @Valid @RequestBody CoLabelRequest request,
                                                Authentication user) {
        ProjectView project = project(id);
        requireCarrierOrStaff(project, user);
        String poleId = request.poleId().strip();
        PartnerPoleView pole = queryGateway.query(new FindPartnerPoleQuery(poleId),
                ResponseTypes.optionalInstanceOf(PartnerPoleView.class)).join().orElse(null);
        if (pole != null && pole.users().isEmpty()) {
            throw DomainException.ruleViolated("Partner pole " + pole.name() + " has no user yet to decide its label; "
                    + "pole staff add one first (POST /api/partner-poles/" + poleId + "/users)");
        }
        String coLabelId = RequestCoLabelCommand.idOf(id, poleId);
        String processInstanceId = coLabellings.request(new CoLabellings.Request(coLabelId, id, project.title(),
                project.status(), poleId, pole == null ? null : pole.name(), pole == null ? List.of() : pole.users(),
                request.message()));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/projects/" + id + "/co-labels/" + poleId))
                .body(Map.of("id", coLabelId, "projectId", id, "poleId", poleId, "status", CoLabelStatus.PENDING.name(),
                        "processInstanceId", processInstanceId));
    }

    @PostMapping("/{poleId}/withdraw")
    @Operation(summary = "Withdraw a pending request to a partner pole, with a reason (the carrier's users or pole staff)")
    ResponseEntity<Map<String, String>> withdraw(@PathVariable String id, @PathVariable String poleId,
                                                 @Valid @RequestBody WithdrawRequest request, Authentication user) {
        ProjectView project = project(id);
        requireCarrierOrStaff(project, user);
        CoLabelView pending = access.coLabels(id).stream()
                .filter(c -> c.poleId().equals(poleId) && c.status() == CoLabelStatus.PENDING).findFirst()
                .orElseThrow(() -> DomainException.conflict("No request of " + id + " is pending at partner pole "
                        + poleId + "; only a pending request is withdrawn"));
        coLabellings.withdraw(id, pending.id(), request.reason());
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("id", pending.id(), "projectId", id, "poleId", poleId,
                "status", CoLabelStatus.WITHDRAWN.name()));
    }

    @GetMapping
    @Operation(summary = "Every pole's label on the project: the home pole's, then each partner pole asked (readers of "
            + "the file; a partner pole's user, its own pole's)")
    List<ProjectResponse.PoleLabel> labels(@PathVariable String id, Authentication user) {
        ProjectView project = project(id);
        ProjectAccess.Relation relation = access.relation(project, user, organisationsOf(user));
        if (ProjectAccess.level(project.confidentiality(), relation) != ProjectAccess.Level.FILE) {
            throw DomainException.notFound("No project " + id);
        }
        return access.labels(project, relation, access.polesOf(user));
    }

    /**
     * Only the carrier's users or pole staff; to a caller who may not even see the project (a partner pole's user on a
     * file it is not asked to label included), the answer is the one for a project that does not exist.
     */
    private void requireCarrierOrStaff(ProjectView project, Authentication user) {
        List<String> organisations = organisationsOf(user);
        if (CurrentUser.hasGroup(user, Roles.POLE_STAFF) || organisations.contains(project.carrierOrganisationId())) {
            return;
        }
        if (ProjectAccess.level(project.confidentiality(), access.relation(project, user, organisations))
                == ProjectAccess.Level.NONE) {
            throw DomainException.notFound("No project " + project.id());
        }
        throw DomainException.forbidden("Only the carrier's users or pole staff ask partner poles for their label");
    }

    private ProjectView project(String id) {
        return queryGateway.query(new FindProjectQuery(id), ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No project " + id));
    }

    private List<String> organisationsOf(Authentication user) {
        return queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }
}
