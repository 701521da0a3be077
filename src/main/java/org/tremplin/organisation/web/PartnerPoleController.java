package org.tremplin.organisation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import org.tremplin.organisation.api.AddPartnerPoleUserCommand;
import org.tremplin.organisation.api.FindPartnerPoleQuery;
import org.tremplin.organisation.api.FindPartnerPolesQuery;
import org.tremplin.organisation.api.PartnerPoleView;
import org.tremplin.organisation.api.RegisterPartnerPoleCommand;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.net.URI;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Partner poles (co-labelling, issue 13): registered and given users by pole staff or administrators, read by all. */
@RestController
@RequestMapping("/api/partner-poles")
@Tag(name = "Partner poles", description = "Other competitiveness clusters that may co-label projects")
class PartnerPoleController {

    private static final String STAFF_OR_ADMIN = "hasAnyRole('pole-staff','camunda-admin')";

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final Identity identity;
    private final ReadModels readModels;

    PartnerPoleController(CommandGateway commandGateway, QueryGateway queryGateway, Identity identity,
                          ReadModels readModels) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.identity = identity;
        this.readModels = readModels;
    }

    record RegisterPartnerPoleRequest(
            @Size(max = 64) String id,
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> themes,
            @NotBlank @Size(max = 200) String contactName,
            @NotBlank @Email @Size(max = 200) String contactEmail) {
    }

    record AddUserRequest(@NotBlank @Size(max = 64) String userId) {
    }

    @PostMapping
    @PreAuthorize(STAFF_OR_ADMIN)
    @Operation(summary = "Register a partner pole: name, themes, contact; id POLE-… derived from the name unless given "
            + "(pole staff, administrators)")
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterPartnerPoleRequest request) {
        String id = request.id() == null || request.id().isBlank() ? idFrom(request.name()) : request.id().strip();
        commandGateway.sendAndWait(new RegisterPartnerPoleCommand(id, request.name(), request.themes(),
                request.contactName(), request.contactEmail()));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/partner-poles/" + id)).body(Map.of("id", id));
    }

    @PostMapping("/{id}/users")
    @PreAuthorize(STAFF_OR_ADMIN)
    @Operation(summary = "Let a user of the partner-pole group act for the pole: see the files it is asked to label and "
            + "decide them (pole staff, administrators)")
    ResponseEntity<Map<String, String>> addUser(@PathVariable String id, @Valid @RequestBody AddUserRequest request) {
        pole(id);
        String userId = request.userId().strip();
        if (!identity.userExists(userId)) {
            throw DomainException.invalid("userId: no user " + userId + " exists; create the user first (Camunda Admin)");
        }
        if (!identity.isInGroup(userId, Roles.PARTNER_POLE)) {
            throw DomainException.ruleViolated("User " + userId + " is not in the " + Roles.PARTNER_POLE
                    + " group; only partner poles' users act for a partner pole");
        }
        commandGateway.sendAndWait(new AddPartnerPoleUserCommand(id, userId));
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("poleId", id, "userId", userId));
    }

    @GetMapping
    @Operation(summary = "The partner poles by name, with their themes and contact (their users: pole staff, auditors, "
            + "administrators)")
    List<PartnerPoleView> list(Authentication user) {
        boolean insider = insider(user);
        return queryGateway.query(new FindPartnerPolesQuery(), ResponseTypes.multipleInstancesOf(PartnerPoleView.class))
                .join().stream().map(p -> insider ? p : withoutUsers(p)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One partner pole")
    PartnerPoleView get(@PathVariable String id, Authentication user) {
        PartnerPoleView pole = pole(id);
        return insider(user) ? pole : withoutUsers(pole);
    }

    private PartnerPoleView pole(String id) {
        return queryGateway.query(new FindPartnerPoleQuery(id), ResponseTypes.optionalInstanceOf(PartnerPoleView.class))
                .join().orElseThrow(() -> DomainException.notFound("No partner pole " + id));
    }

    private static boolean insider(Authentication user) {
        return CurrentUser.hasGroup(user, Roles.POLE_STAFF) || CurrentUser.hasGroup(user, Roles.AUDITOR)
                || CurrentUser.hasGroup(user, Roles.ADMIN);
    }

    private static PartnerPoleView withoutUsers(PartnerPoleView pole) {
        return new PartnerPoleView(pole.id(), pole.name(), pole.themes(), pole.contactName(), pole.contactEmail(),
                pole.registeredAt(), null);
    }

    /** The id from the name: "Pôle Aerospace Valley" gives POLE-AEROSPACE-VALLEY (a leading "pôle" is dropped). */
    static String idFrom(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("^-+|-+$", "")
                .replaceFirst("^POLE-", "");
        if (ascii.isEmpty()) {
            throw DomainException.invalid("name: give a name with letters or digits, or an id POLE-…");
        }
        return "POLE-" + (ascii.length() > 59 ? ascii.substring(0, 59).replaceAll("-+$", "") : ascii);
    }
}
