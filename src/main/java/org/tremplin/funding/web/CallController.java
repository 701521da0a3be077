package org.tremplin.funding.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.CheckCallEligibilityCommand;
import org.tremplin.funding.api.CloseCallEarlyCommand;
import org.tremplin.funding.api.ExtendCallClosingDateCommand;
import org.tremplin.funding.api.FindCallQuery;
import org.tremplin.funding.api.FindCallsQuery;
import org.tremplin.funding.api.FindFunderQuery;
import org.tremplin.funding.api.FindFundersOfUserQuery;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.OpenCallCommand;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@RestController
@RequestMapping("/api/calls")
@Tag(name = "Calls for projects", description = "Funders' calls for projects: windows and eligibility criteria")
class CallController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ReadModels readModels;

    CallController(CommandGateway commandGateway, QueryGateway queryGateway, ReadModels readModels) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.readModels = readModels;
    }

    record OpenCallRequest(
            @NotBlank @Size(max = 40) String funderId,
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9]+(-[A-Za-z0-9]+)*",
                    message = "must be letters and digits in groups separated by single dashes, e.g. FUI-21")
            String code,
            @NotBlank @Size(min = 3, max = 200) String title,
            @NotNull LocalDate openingDate,
            @NotNull LocalDate closingDate,
            @NotEmpty Set<@NotNull OrganisationKind> eligiblePartnerKinds,
            @NotNull Boolean labelRequired,
            @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 13, fraction = 2) BigDecimal maxProjectSize) {
    }

    record ExtendRequest(@NotNull LocalDate closingDate, @NotBlank @Size(max = 1000) String reason) {
    }

    record ReasonRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    record EligibilityRequest(
            @NotNull LocalDate submittedOn,
            @NotEmpty Set<@NotNull OrganisationKind> partnerKinds,
            @NotNull Boolean labelled,
            @DecimalMin("0.00") @Digits(integer = 13, fraction = 2) BigDecimal totalEligibleCost) {
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('pole-staff', 'funder')")
    @Operation(summary = "Publish a call for projects (pole staff, or the funder's own users)")
    ResponseEntity<Map<String, String>> open(@Valid @RequestBody OpenCallRequest request, Authentication user) {
        FunderView funder = queryGateway.query(new FindFunderQuery(request.funderId().strip()),
                        ResponseTypes.optionalInstanceOf(FunderView.class)).join()
                .orElseThrow(() -> DomainException.ruleViolated("No funder " + request.funderId().strip()
                        + "; register it first"));
        requireStaffOrFunderUser(funder.id(), user);
        String code = request.code().toUpperCase(Locale.ROOT);
        String id = OpenCallCommand.callId(code);
        commandGateway.sendAndWait(new OpenCallCommand(id, funder.id(), code, request.title(), request.openingDate(),
                request.closingDate(), request.eligiblePartnerKinds(), request.labelRequired(), request.maxProjectSize()));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/calls/" + id)).body(Map.of("id", id));
    }

    @PostMapping("/{id}/extend")
    @PreAuthorize("hasAnyRole('pole-staff', 'funder')")
    @Operation(summary = "Move the call's closing date later, with a reason (pole staff, or the funder's own users)")
    ResponseEntity<CallView> extend(@PathVariable String id, @Valid @RequestBody ExtendRequest request, Authentication user) {
        requireStaffOrFunderUser(get(id).funderId(), user);
        commandGateway.sendAndWait(new ExtendCallClosingDateCommand(id, request.closingDate(), request.reason()));
        readModels.catchUp();
        return ResponseEntity.ok(get(id));
    }

    @PostMapping("/{id}/close")
    @PreAuthorize("hasAnyRole('pole-staff', 'funder')")
    @Operation(summary = "Close the call today, before its closing date, with a reason (pole staff, or the funder's own users)")
    ResponseEntity<CallView> close(@PathVariable String id, @Valid @RequestBody ReasonRequest request, Authentication user) {
        requireStaffOrFunderUser(get(id).funderId(), user);
        commandGateway.sendAndWait(new CloseCallEarlyCommand(id, request.reason()));
        readModels.catchUp();
        return ResponseEntity.ok(get(id));
    }

    @PostMapping("/{id}/eligibility")
    @Operation(summary = "Check whether the call accepts an application: 200 if eligible, 422 naming every unmet criterion; stores nothing")
    ResponseEntity<Map<String, Object>> checkEligibility(@PathVariable String id,
                                                         @Valid @RequestBody EligibilityRequest request) {
        get(id);
        commandGateway.sendAndWait(new CheckCallEligibilityCommand(id, request.submittedOn(), request.partnerKinds(),
                request.labelled(), request.totalEligibleCost()));
        return ResponseEntity.ok(Map.of("callId", id, "eligible", true));
    }

    @GetMapping
    @Operation(summary = "Calls for projects, latest opening first, of a funder and open on a date (each optional; dates like 2027-03-31)")
    List<CallView> list(@RequestParam(required = false) String funderId,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate openOn) {
        return queryGateway.query(new FindCallsQuery(funderId, openOn), ResponseTypes.multipleInstancesOf(CallView.class))
                .join();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a call for projects")
    CallView get(@PathVariable String id) {
        return queryGateway.query(new FindCallQuery(id), ResponseTypes.optionalInstanceOf(CallView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No call " + id));
    }

    private void requireStaffOrFunderUser(String funderId, Authentication user) {
        if (CurrentUser.hasGroup(user, Roles.POLE_STAFF)) {
            return;
        }
        List<String> funders = queryGateway.query(new FindFundersOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
        if (!funders.contains(funderId)) {
            throw DomainException.forbidden("You do not act for " + funderId + "; only its users or pole staff manage its calls");
        }
    }
}
