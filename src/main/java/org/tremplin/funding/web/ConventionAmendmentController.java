package org.tremplin.funding.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.funding.api.AmendmentKind;
import org.tremplin.funding.api.GrantedAid;
import org.tremplin.funding.process.ConventionAmendments;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Amendments to conventions: end-date extensions, partner withdrawals and budget shifts between partners. */
@RestController
@RequestMapping("/api/funding/applications/{applicationId}")
@Tag(name = "Funding", description = "Applications, decisions, conventions, payments, amendments, ledgers and lead times")
class ConventionAmendmentController {

    private final ConventionAmendments amendments;
    private final ReadModels readModels;

    ConventionAmendmentController(ConventionAmendments amendments, ReadModels readModels) {
        this.amendments = amendments;
        this.readModels = readModels;
    }

    record AmendmentRequest(@NotNull AmendmentKind kind, LocalDate newEndDate, @NotBlank @Size(max = 2000) String reason) {
    }

    record BudgetShiftRequest(@NotBlank @Size(max = 100) String fromOrganisationId, @NotBlank @Size(max = 100) String toOrganisationId,
                              @NotNull @Positive @Digits(integer = 13, fraction = 2) BigDecimal amount,
                              @NotBlank @Size(max = 2000) String reason, @Size(max = 4000) String stateAidJustification) {
    }

    @PostMapping("/conventions/{organisationId}/amendments")
    @Operation(summary = "Amend a partner's convention: END_DATE_EXTENSION (with newEndDate) or PARTNER_WITHDRAWAL "
            + "(pole staff, the funder's users or the lead partner's members)")
    ResponseEntity<Map<String, Object>> amend(@PathVariable String applicationId, @PathVariable String organisationId,
                                              @Valid @RequestBody AmendmentRequest request, Authentication user) {
        if (request.kind() != AmendmentKind.END_DATE_EXTENSION && request.kind() != AmendmentKind.PARTNER_WITHDRAWAL) {
            throw DomainException.invalid("kind must be END_DATE_EXTENSION or PARTNER_WITHDRAWAL; a budget shift is "
                    + "POST /api/funding/applications/{applicationId}/budget-shifts");
        }
        if (request.kind() == AmendmentKind.END_DATE_EXTENSION && request.newEndDate() == null) {
            throw DomainException.invalid("newEndDate is required to extend the end date");
        }
        amendments.amend(user.getName(), CurrentUser.groups(user), applicationId, organisationId, request.kind(),
                request.newEndDate(), request.reason().strip());
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("conventionId", GrantedAid.conventionId(applicationId, organisationId),
                "kind", request.kind()));
    }

    @PostMapping("/budget-shifts")
    @Operation(summary = "Move part of one partner's grant to another partner of the same application (pole staff, the "
            + "funder's users or the lead partner's members); the receiver's state-aid ceiling is checked")
    ResponseEntity<Map<String, Object>> shift(@PathVariable String applicationId, @Valid @RequestBody BudgetShiftRequest request,
                                              Authentication user) {
        amendments.shiftBudget(user.getName(), CurrentUser.groups(user), applicationId, request.fromOrganisationId().strip(),
                request.toOrganisationId().strip(), request.amount().setScale(2), request.reason().strip(),
                request.stateAidJustification());
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("applicationId", applicationId, "amount", request.amount().setScale(2)));
    }
}
