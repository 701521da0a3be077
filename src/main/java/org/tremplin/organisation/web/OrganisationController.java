package org.tremplin.organisation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.organisation.api.AddOrganisationMemberCommand;
import org.tremplin.organisation.api.AssignSmeReferentCommand;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.FindOrganisationsQuery;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.net.URI;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/organisations")
@Tag(name = "Organisations", description = "Member organisations and the competence map")
class OrganisationController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final Identity identity;
    private final ReadModels readModels;

    OrganisationController(CommandGateway commandGateway, QueryGateway queryGateway, Identity identity,
                           ReadModels readModels) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.identity = identity;
        this.readModels = readModels;
    }

    record RegisterOrganisationRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull NationalIdScheme nationalIdScheme,
            @NotBlank @Size(max = 64) String nationalId,
            @NotNull OrganisationKind kind,
            @NotNull @Min(0) @Max(2_000_000) Integer headcount,
            @NotBlank @Size(max = 100) String region,
            @Size(max = 50) List<@NotBlank @Size(max = 80) String> competences) {
    }

    record AddMemberRequest(@NotBlank @Size(max = 64) String userId) {
    }

    @PostMapping
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Register a member organisation (pole staff)")
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterOrganisationRequest request) {
        String problem = request.nationalIdScheme().problemWith(request.nationalId().strip());
        if (problem != null) {
            throw DomainException.invalid("nationalId: " + problem);
        }
        String id = request.nationalIdScheme().organisationId(request.nationalId().strip());
        commandGateway.sendAndWait(new RegisterOrganisationCommand(id, request.name(), request.nationalIdScheme(),
                request.nationalId().strip(), request.kind(), request.headcount(), request.region(),
                request.competences() == null ? List.of() : request.competences()));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/organisations/" + id)).body(Map.of("id", id));
    }

    @PostMapping("/{id}/members")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Let a user act for the organisation (pole staff)")
    ResponseEntity<Map<String, String>> addMember(@PathVariable String id, @Valid @RequestBody AddMemberRequest request) {
        get(id);
        if (!identity.userExists(request.userId())) {
            throw DomainException.invalid("userId: no user " + request.userId() + " exists; create the user first (Camunda Admin)");
        }
        commandGateway.sendAndWait(new AddOrganisationMemberCommand(id, request.userId()));
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("organisationId", id, "userId", request.userId()));
    }

    record AssignReferentRequest(@NotBlank @Size(max = 64) String referentUserId) {
    }

    @PutMapping("/{id}/referent")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Name or change an SME's referent among pole staff (pole staff)")
    ResponseEntity<Map<String, String>> assignReferent(@PathVariable String id,
                                                       @Valid @RequestBody AssignReferentRequest request) {
        get(id);
        String userId = request.referentUserId().strip();
        if (!identity.userExists(userId)) {
            throw DomainException.invalid("referentUserId: no user " + userId + " exists; name a pole-staff user");
        }
        commandGateway.sendAndWait(new AssignSmeReferentCommand(id, userId, identity.isInGroup(userId, Roles.POLE_STAFF)));
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("organisationId", id, "referentUserId", userId));
    }

    @GetMapping
    @Operation(summary = "Search the competence map by competence keyword, kind and region")
    List<OrganisationView> search(@RequestParam(required = false) String competence,
                                  @RequestParam(required = false) OrganisationKind kind,
                                  @RequestParam(required = false) String region) {
        return queryGateway.query(new FindOrganisationsQuery(competence, kind, region),
                ResponseTypes.multipleInstancesOf(OrganisationView.class)).join();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a member organisation")
    OrganisationView get(@PathVariable String id) {
        return queryGateway.query(new FindOrganisationQuery(id), ResponseTypes.optionalInstanceOf(OrganisationView.class))
                .join()
                .orElseThrow(() -> DomainException.notFound("No organisation " + id));
    }
}
