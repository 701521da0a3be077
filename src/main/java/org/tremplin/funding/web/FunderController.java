package org.tremplin.funding.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.funding.api.AddFunderUserCommand;
import org.tremplin.funding.api.ChangePooledFundContributorsCommand;
import org.tremplin.funding.api.ChangeServiceLevelsCommand;
import org.tremplin.funding.api.FindFunderQuery;
import org.tremplin.funding.api.FindFundersQuery;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.RegisterFunderCommand;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@RestController
@RequestMapping("/api/funders")
@Tag(name = "Funders", description = "Funders of the funding stage, their service levels and pooled funds' contributors")
class FunderController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final Identity identity;
    private final ReadModels readModels;

    FunderController(CommandGateway commandGateway, QueryGateway queryGateway, Identity identity, ReadModels readModels) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.identity = identity;
        this.readModels = readModels;
    }

    record RegisterFunderRequest(
            @NotBlank @Size(max = 30) @Pattern(regexp = "[A-Za-z0-9]+(-[A-Za-z0-9]+)*",
                    message = "must be letters and digits in groups separated by single dashes, e.g. FUI or REGION-ARA")
            String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull FunderKind kind,
            @Min(1) @Max(60) Integer contractingDeadlineMonths,
            @NotEmpty Map<@NotNull FundingStage, @NotNull @Min(1) @Max(3650) Integer> serviceLevelDays,
            @Size(max = 50) List<@NotNull @Valid ContributorRequest> contributors) {
    }

    record ContributorRequest(
            @NotBlank @Size(max = 200) String contributor,
            @NotNull @DecimalMin(value = "0.00", inclusive = false) @DecimalMax("100.00") @Digits(integer = 3, fraction = 2)
            BigDecimal sharePercent) {
    }

    record ServiceLevelsRequest(
            @Min(1) @Max(60) Integer contractingDeadlineMonths,
            @NotEmpty Map<@NotNull FundingStage, @NotNull @Min(1) @Max(3650) Integer> serviceLevelDays) {
    }

    record ContributorsRequest(@NotEmpty @Size(max = 50) List<@NotNull @Valid ContributorRequest> contributors) {
    }

    record AddUserRequest(@NotBlank @Size(max = 64) String userId) {
    }

    @PostMapping
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Register a funder with its service levels and, for a pooled fund, its contributors (pole staff)")
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterFunderRequest request) {
        String id = RegisterFunderCommand.funderId(request.code().toUpperCase(Locale.ROOT));
        commandGateway.sendAndWait(new RegisterFunderCommand(id, request.code().toUpperCase(Locale.ROOT), request.name(),
                request.kind(), request.contractingDeadlineMonths(), request.serviceLevelDays(),
                contributors(request.contributors())));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/funders/" + id)).body(Map.of("id", id));
    }

    @PostMapping("/{id}/service-levels")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Replace a funder's service levels per stage and, if given, its contracting deadline (pole staff)")
    ResponseEntity<FunderView> changeServiceLevels(@PathVariable String id, @Valid @RequestBody ServiceLevelsRequest request) {
        get(id);
        commandGateway.sendAndWait(new ChangeServiceLevelsCommand(id, request.contractingDeadlineMonths(),
                request.serviceLevelDays()));
        readModels.catchUp();
        return ResponseEntity.ok(get(id));
    }

    @PostMapping("/{id}/contributors")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Replace a pooled fund's contributors and their shares (pole staff)")
    ResponseEntity<FunderView> changeContributors(@PathVariable String id, @Valid @RequestBody ContributorsRequest request) {
        get(id);
        commandGateway.sendAndWait(new ChangePooledFundContributorsCommand(id, contributors(request.contributors())));
        readModels.catchUp();
        return ResponseEntity.ok(get(id));
    }

    @PostMapping("/{id}/users")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Let a user of the funder group act for the funder: publish and manage its calls (pole staff)")
    ResponseEntity<Map<String, String>> addUser(@PathVariable String id, @Valid @RequestBody AddUserRequest request) {
        get(id);
        String userId = request.userId().strip();
        if (!identity.userExists(userId)) {
            throw DomainException.invalid("userId: no user " + userId + " exists; create the user first (Camunda Admin)");
        }
        if (!identity.isInGroup(userId, Roles.FUNDER)) {
            throw DomainException.ruleViolated("User " + userId + " is not in the " + Roles.FUNDER
                    + " group; only funders' users act for a funder");
        }
        commandGateway.sendAndWait(new AddFunderUserCommand(id, userId));
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("funderId", id, "userId", userId));
    }

    @GetMapping
    @Operation(summary = "The funders by name, optionally of one kind")
    List<FunderView> list(@RequestParam(required = false) FunderKind kind) {
        return queryGateway.query(new FindFundersQuery(kind), ResponseTypes.multipleInstancesOf(FunderView.class)).join();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a funder with its service levels and contributors")
    FunderView get(@PathVariable String id) {
        return queryGateway.query(new FindFunderQuery(id), ResponseTypes.optionalInstanceOf(FunderView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No funder " + id));
    }

    /** Contributors as given; one naming a funder (FUNDER-...) must name a registered one. */
    private List<PooledFundContributor> contributors(List<ContributorRequest> requested) {
        if (requested == null) {
            return List.of();
        }
        return requested.stream().map(c -> {
            String who = c.contributor().strip();
            if (who.toUpperCase(Locale.ROOT).startsWith(RegisterFunderCommand.ID_PREFIX)) {
                who = who.toUpperCase(Locale.ROOT);
                String funderId = who;
                queryGateway.query(new FindFunderQuery(funderId), ResponseTypes.optionalInstanceOf(FunderView.class)).join()
                        .orElseThrow(() -> DomainException.ruleViolated("No funder " + funderId
                                + "; register it first, or name the local authority that contributes"));
            }
            return new PooledFundContributor(who, c.sharePercent());
        }).toList();
    }
}
