package org.tremplin.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.project.api.FindIpPreDiagnosesOfProjectQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.IpPreDiagnosisView;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.RecordIpPreDiagnosisFindingsCommand;
import org.tremplin.project.api.RequestIpPreDiagnosisCommand;
import org.tremplin.project.api.ShareIpPreDiagnosisSummaryCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * IP pre-diagnoses (issue 13). The findings are confidential: only the SME's own users, IP advisers and auditors read
 * them; the consortium (and pole staff) read only the summary the SME chose to share; anyone who cannot see the
 * project is told it does not exist.
 */
@RestController
@RequestMapping("/api/projects/{id}/ip-pre-diagnoses")
@Tag(name = "IP pre-diagnosis", description = "An SME's confidential industrial-property pre-diagnosis")
class IpPreDiagnosisController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ReadModels readModels;

    IpPreDiagnosisController(CommandGateway commandGateway, QueryGateway queryGateway, ReadModels readModels) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.readModels = readModels;
    }

    record RequestBodyIn(@NotBlank @Size(max = 80) String organisationId) {
    }

    record FindingsRequest(@NotBlank @Size(max = 4000) String priorArtToCheck,
                           @NotBlank @Size(max = 4000) String fileBeforeDisclosure,
                           @NotBlank @Size(max = 4000) String keepSecret) {
    }

    record ShareRequest(@NotBlank @Size(max = 4000) String summary) {
    }

    /** A pre-diagnosis as the viewer may read it: the findings only for the SME, IP advisers and auditors. */
    record IpPreDiagnosisResponse(String id, String organisationId, String status, String requestedBy,
                                  Instant requestedAt, String adviser, String priorArtToCheck,
                                  String fileBeforeDisclosure, String keepSecret, Instant findingsRecordedAt,
                                  String sharedSummary, Instant sharedAt) {
    }

    @PostMapping
    @Operation(summary = "Ask for an IP pre-diagnosis for an SME carrier or partner of the project (the SME's users)")
    ResponseEntity<Map<String, String>> request(@PathVariable String id, @Valid @RequestBody RequestBodyIn body,
                                                Authentication user) {
        ProjectView project = visibleProject(id, user);
        String organisationId = body.organisationId().strip();
        if (!organisationsOf(user).contains(organisationId)) {
            throw DomainException.forbidden("You do not act for " + organisationId
                    + "; only the SME's own users ask for its IP pre-diagnosis");
        }
        boolean inProject = organisationId.equals(project.carrierOrganisationId()) || project.partners().stream()
                .anyMatch(p -> p.organisationId().equals(organisationId)
                        && (p.status() == PartnerStatus.INVITED || p.status() == PartnerStatus.JOINED));
        if (!inProject) {
            throw DomainException.invalid("organisationId: " + organisationId + " is neither the carrier nor a partner of "
                    + id + "; join the project first");
        }
        OrganisationView organisation = queryGateway.query(new FindOrganisationQuery(organisationId),
                ResponseTypes.optionalInstanceOf(OrganisationView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No organisation " + organisationId));
        String preDiagnosisId = RequestIpPreDiagnosisCommand.idOf(id, organisationId);
        commandGateway.sendAndWait(new RequestIpPreDiagnosisCommand(preDiagnosisId, id, organisationId,
                organisation.kind(), user.getName()));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/projects/" + id + "/ip-pre-diagnoses"))
                .body(Map.of("id", preDiagnosisId));
    }

    @PostMapping("/{organisationId}/findings")
    @PreAuthorize("hasRole('ip-adviser')")
    @Operation(summary = "Record the findings and recommendations of an SME's IP pre-diagnosis (IP adviser)")
    ResponseEntity<Map<String, String>> findings(@PathVariable String id, @PathVariable String organisationId,
                                                 @Valid @RequestBody FindingsRequest body, Authentication user) {
        IpPreDiagnosisView existing = existing(id, organisationId);
        commandGateway.sendAndWait(new RecordIpPreDiagnosisFindingsCommand(existing.id(), user.getName(),
                body.priorArtToCheck(), body.fileBeforeDisclosure(), body.keepSecret()));
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("id", existing.id(), "status", "FINDINGS_RECORDED"));
    }

    @PostMapping("/{organisationId}/summary")
    @Operation(summary = "Share a summary of the SME's IP pre-diagnosis with the consortium (the SME's users)")
    ResponseEntity<Map<String, String>> share(@PathVariable String id, @PathVariable String organisationId,
                                              @Valid @RequestBody ShareRequest body, Authentication user) {
        if (!organisationsOf(user).contains(organisationId)) {
            throw DomainException.notFound("No IP pre-diagnosis of " + organisationId + " for project " + id);
        }
        IpPreDiagnosisView existing = existing(id, organisationId);
        commandGateway.sendAndWait(new ShareIpPreDiagnosisSummaryCommand(existing.id(), body.summary(), user.getName()));
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("id", existing.id(), "status", "SUMMARY_SHARED"));
    }

    @GetMapping
    @Operation(summary = "The project's IP pre-diagnoses as I may read them: whole for the SME's users, IP advisers "
            + "and auditors; the shared summaries for the consortium and pole staff")
    List<IpPreDiagnosisResponse> list(@PathVariable String id, Authentication user) {
        boolean whole = CurrentUser.hasGroup(user, Roles.IP_ADVISER) || CurrentUser.hasGroup(user, Roles.AUDITOR);
        List<String> organisations = organisationsOf(user);
        ProjectAccess.Level level;
        if (whole) {
            project(id);
            level = ProjectAccess.Level.FILE;
        } else {
            ProjectView project = visibleProject(id, user);
            level = ProjectAccess.level(project.confidentiality(),
                    ProjectAccess.relation(project, user.getName(), CurrentUser.groups(user), organisations));
        }
        return queryGateway.query(new FindIpPreDiagnosesOfProjectQuery(id),
                        ResponseTypes.multipleInstancesOf(IpPreDiagnosisView.class)).join().stream()
                .map(d -> whole || organisations.contains(d.organisationId()) ? whole(d)
                        : level == ProjectAccess.Level.FILE && d.sharedAt() != null ? shared(d) : null)
                .filter(Objects::nonNull)
                .toList();
    }

    private static IpPreDiagnosisResponse whole(IpPreDiagnosisView d) {
        return new IpPreDiagnosisResponse(d.id(), d.organisationId(), d.status(), d.requestedBy(), d.requestedAt(),
                d.adviser(), d.priorArtToCheck(), d.fileBeforeDisclosure(), d.keepSecret(), d.findingsRecordedAt(),
                d.sharedSummary(), d.sharedAt());
    }

    /** What the consortium reads: the SME's shared summary, nothing of the findings. */
    private static IpPreDiagnosisResponse shared(IpPreDiagnosisView d) {
        return new IpPreDiagnosisResponse(d.id(), d.organisationId(), d.status(), null, null, null, null, null, null,
                null, d.sharedSummary(), d.sharedAt());
    }

    private IpPreDiagnosisView existing(String projectId, String organisationId) {
        return queryGateway.query(new FindIpPreDiagnosesOfProjectQuery(projectId),
                        ResponseTypes.multipleInstancesOf(IpPreDiagnosisView.class)).join().stream()
                .filter(d -> d.organisationId().equals(organisationId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("No IP pre-diagnosis of " + organisationId
                        + " for project " + projectId));
    }

    private ProjectView visibleProject(String id, Authentication user) {
        ProjectView project = project(id);
        ProjectAccess.Relation relation = ProjectAccess.relation(project, user.getName(), CurrentUser.groups(user),
                organisationsOf(user));
        if (ProjectAccess.level(project.confidentiality(), relation) == ProjectAccess.Level.NONE) {
            throw DomainException.notFound("No project " + id);
        }
        return project;
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
