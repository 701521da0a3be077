package org.tremplin.investment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.investment.api.AddInvestorUserCommand;
import org.tremplin.investment.api.FindInvestorQuery;
import org.tremplin.investment.api.FindInvestorsOfUserQuery;
import org.tremplin.investment.api.FindInvestorsQuery;
import org.tremplin.investment.api.InvestorKind;
import org.tremplin.investment.api.InvestorView;
import org.tremplin.investment.api.RegisterInvestorCommand;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Investors and their users. An investor's identity is shown to pole staff, auditors and its own users only. */
@RestController
@RequestMapping("/api/investors")
@Tag(name = "Investors", description = "Investor organisations (business angels, VC funds, Bpifrance funds, corporate funds) and their users")
class InvestorController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final Identity identity;
    private final ReadModels readModels;

    InvestorController(CommandGateway commandGateway, QueryGateway queryGateway, Identity identity, ReadModels readModels) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.identity = identity;
        this.readModels = readModels;
    }

    record RegisterInvestorRequest(
            @NotBlank @Size(max = 30) @Pattern(regexp = "[A-Za-z0-9]+(-[A-Za-z0-9]+)*",
                    message = "must be letters and digits in groups separated by single dashes, e.g. ANGELS-ARA")
            String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull InvestorKind kind) {
    }

    record AddUserRequest(@NotBlank @Size(max = 64) String userId) {
    }

    @PostMapping
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Register an investor (pole staff)")
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterInvestorRequest request) {
        String code = request.code().toUpperCase(Locale.ROOT);
        String id = RegisterInvestorCommand.investorId(code);
        commandGateway.sendAndWait(new RegisterInvestorCommand(id, code, request.name(), request.kind()));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/investors/" + id)).body(Map.of("id", id));
    }

    @PostMapping("/{id}/users")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Let a user of the investor group act for the investor (pole staff)")
    ResponseEntity<Map<String, String>> addUser(@PathVariable String id, @Valid @RequestBody AddUserRequest request) {
        find(id);
        String userId = request.userId().strip();
        if (!identity.userExists(userId)) {
            throw DomainException.invalid("userId: no user " + userId + " exists; create the user first (Camunda Admin)");
        }
        if (!identity.isInGroup(userId, Roles.INVESTOR)) {
            throw DomainException.ruleViolated("User " + userId + " is not in the " + Roles.INVESTOR
                    + " group; only investors' users act for an investor");
        }
        commandGateway.sendAndWait(new AddInvestorUserCommand(id, userId));
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("investorId", id, "userId", userId));
    }

    @GetMapping
    @Operation(summary = "The investors by name, optionally of one kind (pole staff and auditors: all; an investor's user: its own)")
    List<InvestorView> list(@RequestParam(required = false) InvestorKind kind, Authentication user) {
        List<InvestorView> all = queryGateway.query(new FindInvestorsQuery(kind),
                ResponseTypes.multipleInstancesOf(InvestorView.class)).join();
        if (seesAll(user)) {
            return all;
        }
        List<String> own = ownInvestors(user);
        return all.stream().filter(i -> own.contains(i.id())).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read an investor (pole staff, auditors, or the investor's own users)")
    InvestorView get(@PathVariable String id, Authentication user) {
        if (!seesAll(user) && !ownInvestors(user).contains(id)) {
            throw DomainException.notFound("No investor " + id);
        }
        return find(id);
    }

    private InvestorView find(String id) {
        return queryGateway.query(new FindInvestorQuery(id), ResponseTypes.optionalInstanceOf(InvestorView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No investor " + id));
    }

    private List<String> ownInvestors(Authentication user) {
        return queryGateway.query(new FindInvestorsOfUserQuery(user.getName()), ResponseTypes.multipleInstancesOf(String.class))
                .join();
    }

    private static boolean seesAll(Authentication user) {
        return CurrentUser.hasGroup(user, Roles.POLE_STAFF) || CurrentUser.hasGroup(user, Roles.AUDITOR)
                || CurrentUser.hasGroup(user, Roles.ADMIN);
    }
}
