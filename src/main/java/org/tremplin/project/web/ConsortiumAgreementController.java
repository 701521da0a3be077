package org.tremplin.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.project.api.BackgroundAccess;
import org.tremplin.project.api.ConsortiumAgreementView;
import org.tremplin.project.api.ExploitationRight;
import org.tremplin.project.api.FindConsortiumAgreementQuery;
import org.tremplin.project.api.FindModelAgreementsQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ModelAgreementView;
import org.tremplin.project.api.PartnerAgreementTerms;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.PublishModelAgreementCommand;
import org.tremplin.project.api.SetConsortiumAgreementTermsCommand;
import org.tremplin.project.api.SignConsortiumAgreementCommand;
import org.tremplin.project.command.ConsortiumAgreementGate;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pole's model consortium agreements (versioned) and each project's consortium agreement with its IP split
 * (issue 13). Pole staff publish models; staff or the carrier state the terms; each consortium member signs. The
 * terms and signatures are read by pole staff, auditors and the consortium's members; others who see the project read
 * the agreement's status and version only; whoever cannot see the project is told it does not exist.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Consortium agreement", description = "Model agreements and each project's agreement with its IP split")
class ConsortiumAgreementController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ReadModels readModels;
    private final ConsortiumAgreementGate gate;

    ConsortiumAgreementController(CommandGateway commandGateway, QueryGateway queryGateway, ReadModels readModels,
                                  ConsortiumAgreementGate gate) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.readModels = readModels;
        this.gate = gate;
    }

    record PublishModelRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*") String modelId,
                               @NotNull @Min(1) Integer version, @NotBlank @Size(max = 200) String title,
                               @NotBlank @Size(max = 20000) String clauses,
                               @NotNull @Min(0) @Max(30) Integer defaultConfidentialityYears) {
    }

    record RightRequest(@NotBlank @Size(max = 200) String fieldOfUse, @NotBlank @Size(max = 200) String territory,
                        @NotNull Boolean exclusive) {
    }

    /** One member's terms; {@code confidentialityYears} left out takes the model's default. */
    record PartnerRequest(@NotBlank @Size(max = 80) String organisationId,
                          @NotNull @Min(0) @Max(10000) Integer ownershipShareBasisPoints,
                          @Size(max = 20) List<@Valid @NotNull RightRequest> exploitationRights,
                          @NotNull BackgroundAccess backgroundAccess, @Min(0) @Max(30) Integer confidentialityYears) {
    }

    record TermsRequest(@NotBlank @Size(max = 64) String modelId, @NotNull @Min(1) Integer modelVersion,
                        @NotEmpty @Size(max = 50) List<@Valid @NotNull PartnerRequest> partners) {
    }

    record SignRequest(@NotBlank @Size(max = 80) String organisationId, @NotNull @Min(1) Integer agreementVersion) {
    }

    /** A member's terms with its name, and whether it signed the current version. */
    record PartnerTermsResponse(String organisationId, String name, int ownershipShareBasisPoints,
                                List<ExploitationRight> exploitationRights, BackgroundAccess backgroundAccess,
                                int confidentialityYears, boolean signed) {
    }

    /**
     * The agreement as members read it: {@code status} NONE while none is drafted, SIGNING, FULLY_SIGNED; the members
     * whose signature of the current version is missing; the pole's rule. {@code null} terms, signatures and missing
     * signatures: withheld from a reader outside the consortium.
     */
    record AgreementResponse(String projectId, String status, String requiredBefore, String modelId,
                             Integer modelVersion, Integer version, List<PartnerTermsResponse> partners,
                             List<ConsortiumAgreementView.Signature> signatures, List<String> missingSignatures,
                             Instant updatedAt, Instant fullySignedAt) {
    }

    // ---------------------------------------------------------------------------------------------- models

    @GetMapping("/consortium-agreement-models")
    @Operation(summary = "Every published version of the pole's model consortium agreements (older versions stay readable)")
    List<ModelAgreementView> models() {
        return models(queryGateway);
    }

    @PostMapping("/consortium-agreement-models")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Publish a version of a model consortium agreement (pole staff): 1 for a new model, then the next")
    ResponseEntity<Map<String, Object>> publish(@Valid @RequestBody PublishModelRequest body, Authentication user) {
        commandGateway.sendAndWait(new PublishModelAgreementCommand(body.modelId(), body.version(), body.title(),
                body.clauses(), body.defaultConfidentialityYears(), user.getName()));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/consortium-agreement-models/" + body.modelId() + "/versions/"
                + body.version())).body(Map.of("modelId", body.modelId(), "version", body.version()));
    }

    // ---------------------------------------------------------------------------------------------- agreements

    @GetMapping("/projects/{id}/consortium-agreement")
    @Operation(summary = "The project's consortium agreement: terms per member, signatures of the current version, "
            + "missing signatures (pole staff, auditors, the consortium's members); its status and version only for "
            + "others who see the project")
    AgreementResponse agreement(@PathVariable String id, Authentication user) {
        ProjectView project = visibleProject(id, user);
        List<String> organisations = organisationsOf(user);
        boolean member = members(project).stream().anyMatch(organisations::contains);
        AgreementResponse whole = response(project, queryGateway, gate);
        if (member || CurrentUser.hasGroup(user, Roles.POLE_STAFF) || CurrentUser.hasGroup(user, Roles.AUDITOR)) {
            return whole;
        }
        return new AgreementResponse(whole.projectId(), whole.status(), whole.requiredBefore(), whole.modelId(),
                whole.modelVersion(), whole.version(), null, null, null, whole.updatedAt(), whole.fullySignedAt());
    }

    @PutMapping("/projects/{id}/consortium-agreement")
    @Operation(summary = "State the consortium agreement's terms from a model version (pole staff or the carrier): "
            + "drafts it, or makes a new version that reopens signing")
    ResponseEntity<Map<String, Object>> terms(@PathVariable String id, @Valid @RequestBody TermsRequest body,
                                              Authentication user) {
        ProjectView project = visibleProject(id, user);
        if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF)
                && !organisationsOf(user).contains(project.carrierOrganisationId())) {
            throw DomainException.forbidden("Only pole staff or the carrier state the consortium agreement of " + id);
        }
        ModelAgreementView model = findModel(body.modelId().strip(), body.modelVersion())
                .orElseThrow(() -> DomainException.invalid("modelVersion: model agreement " + body.modelId()
                        + " has no published version " + body.modelVersion()));
        List<PartnerAgreementTerms> partners = body.partners().stream()
                .map(p -> new PartnerAgreementTerms(p.organisationId().strip(), p.ownershipShareBasisPoints(),
                        p.exploitationRights() == null ? List.of() : p.exploitationRights().stream()
                                .map(r -> new ExploitationRight(r.fieldOfUse(), r.territory(), r.exclusive())).toList(),
                        p.backgroundAccess(),
                        p.confidentialityYears() != null ? p.confidentialityYears() : model.defaultConfidentialityYears()))
                .toList();
        String agreementId = SetConsortiumAgreementTermsCommand.idOf(id);
        commandGateway.sendAndWait(new SetConsortiumAgreementTermsCommand(agreementId, id, model.modelId(),
                model.version(), members(project), partners, user.getName()));
        readModels.catchUp();
        int version = agreement(id).map(ConsortiumAgreementView::version).orElse(1);
        return ResponseEntity.ok(Map.of("agreementId", agreementId, "version", version));
    }

    @PostMapping("/projects/{id}/consortium-agreement/signatures")
    @Operation(summary = "Sign the consortium agreement's current version for an organisation I act for (a member)")
    ResponseEntity<Map<String, Object>> sign(@PathVariable String id, @Valid @RequestBody SignRequest body,
                                             Authentication user) {
        ProjectView project = visibleProject(id, user);
        String organisationId = body.organisationId().strip();
        if (!organisationsOf(user).contains(organisationId)) {
            throw DomainException.forbidden("You do not act for " + organisationId
                    + "; only its own users sign the consortium agreement for it");
        }
        if (agreement(id).isEmpty()) {
            throw DomainException.notFound("No consortium agreement for project " + id + " yet");
        }
        commandGateway.sendAndWait(new SignConsortiumAgreementCommand(SetConsortiumAgreementTermsCommand.idOf(id),
                organisationId, body.agreementVersion(), user.getName(), members(project)));
        readModels.catchUp();
        ConsortiumAgreementView now = agreement(id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/projects/" + id + "/consortium-agreement"))
                .body(Map.of("organisationId", organisationId, "version", body.agreementVersion(), "status", now.status()));
    }

    // ---------------------------------------------------------------------------------------------- shared

    /** The agreement as the project's pages and API show it. */
    static AgreementResponse response(ProjectView project, QueryGateway queryGateway, ConsortiumAgreementGate gate) {
        String rule = gate.requiredBefore().name();
        Optional<ConsortiumAgreementView> found = queryGateway.query(new FindConsortiumAgreementQuery(project.id()),
                ResponseTypes.optionalInstanceOf(ConsortiumAgreementView.class)).join();
        List<String> members = members(project);
        if (found.isEmpty()) {
            return new AgreementResponse(project.id(), "NONE", rule, null, null, null, List.of(), List.of(), members,
                    null, null);
        }
        ConsortiumAgreementView agreement = found.get();
        List<String> signed = agreement.signatures().stream().map(ConsortiumAgreementView.Signature::organisationId)
                .toList();
        List<PartnerTermsResponse> partners = agreement.partners().stream()
                .map(p -> new PartnerTermsResponse(p.organisationId(), nameOf(project, p.organisationId()),
                        p.ownershipShareBasisPoints(), p.exploitationRights(), p.backgroundAccess(),
                        p.confidentialityYears(), signed.contains(p.organisationId())))
                .toList();
        List<String> missing = new java.util.ArrayList<>(members.stream().filter(m -> !signed.contains(m)).toList());
        agreement.partners().stream().map(PartnerAgreementTerms::organisationId)
                .filter(p -> !signed.contains(p) && !missing.contains(p)).forEach(missing::add);
        return new AgreementResponse(project.id(), agreement.status(), rule, agreement.modelId(),
                agreement.modelVersion(), agreement.version(), partners, agreement.signatures(), missing,
                agreement.updatedAt(), agreement.fullySignedAt());
    }

    static List<ModelAgreementView> models(QueryGateway queryGateway) {
        return queryGateway.query(new FindModelAgreementsQuery(),
                ResponseTypes.multipleInstancesOf(ModelAgreementView.class)).join();
    }

    /** The consortium's members: the carrier and the partners who joined. */
    static List<String> members(ProjectView project) {
        return project.partners().stream()
                .filter(p -> p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED)
                .map(ProjectView.PartnerView::organisationId).toList();
    }

    private static String nameOf(ProjectView project, String organisationId) {
        return project.partners().stream().filter(p -> p.organisationId().equals(organisationId))
                .map(ProjectView.PartnerView::name).findFirst().orElse(organisationId);
    }

    private Optional<ModelAgreementView> findModel(String modelId, int version) {
        return models(queryGateway).stream().filter(m -> m.modelId().equals(modelId) && m.version() == version)
                .findFirst();
    }

    private Optional<ConsortiumAgreementView> agreement(String projectId) {
        return queryGateway.query(new FindConsortiumAgreementQuery(projectId),
                ResponseTypes.optionalInstanceOf(ConsortiumAgreementView.class)).join();
    }

    private ProjectView visibleProject(String id, Authentication user) {
        ProjectView project = queryGateway.query(new FindProjectQuery(id),
                        ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No project " + id));
        ProjectAccess.Relation relation = ProjectAccess.relation(project, user.getName(), CurrentUser.groups(user),
                organisationsOf(user));
        if (ProjectAccess.level(project.confidentiality(), relation) == ProjectAccess.Level.NONE) {
            throw DomainException.notFound("No project " + id);
        }
        return project;
    }

    private List<String> organisationsOf(Authentication user) {
        return queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }
}
