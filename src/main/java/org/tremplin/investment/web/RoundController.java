package org.tremplin.investment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
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
import org.tremplin.investment.api.AcceptRoundNdaCommand;
import org.tremplin.investment.api.AddRoundDocumentCommand;
import org.tremplin.investment.api.CommitToRoundCommand;
import org.tremplin.investment.api.DataRoomView;
import org.tremplin.investment.api.FindInvestorQuery;
import org.tremplin.investment.api.FindInvestorsOfUserQuery;
import org.tremplin.investment.api.FindRoundQuery;
import org.tremplin.investment.api.FindRoundsQuery;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.InvestorView;
import org.tremplin.investment.api.ReconfirmCommitmentCommand;
import org.tremplin.investment.api.RoundTerms;
import org.tremplin.investment.api.RoundView;
import org.tremplin.investment.api.WithdrawCommitmentCommand;
import org.tremplin.investment.process.InvestmentRounds;
import org.tremplin.investment.query.FundingPassports;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.RandomIds;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Investment rounds: opening, invitations, NDA, data room and funding passport, commitments, amended terms, close and
 * allocation. Who sees what ({@link RoundAccess}): pole staff, auditors and the company's members see the whole round;
 * an invited investor sees, before its NDA, only the round's name and its invitation, and after it the terms, the data
 * room and its own commitment and allocation, never another investor's unless the round shares commitments; anyone
 * else gets a 404.
 */
@RestController
@RequestMapping("/api/rounds")
@Tag(name = "Investment rounds", description = "Rounds, invitations, NDA, data room and funding passport, commitments, allocation")
class RoundController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final InvestmentRounds rounds;
    private final FundingPassports passports;
    private final ReadModels readModels;
    private final Clock clock;

    RoundController(CommandGateway commandGateway, QueryGateway queryGateway, InvestmentRounds rounds,
                    FundingPassports passports, ReadModels readModels, Clock clock) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.rounds = rounds;
        this.passports = passports;
        this.readModels = readModels;
        this.clock = clock;
    }

    record TermsRequest(
            @NotNull Instrument instrument,
            @NotNull @Positive @Digits(integer = 13, fraction = 0) BigDecimal targetAmount,
            @NotNull @Positive @Digits(integer = 13, fraction = 0) BigDecimal minimumRaise,
            @NotNull @Positive @Digits(integer = 13, fraction = 0) BigDecimal maximumRaise,
            @NotNull @Positive @Digits(integer = 13, fraction = 0) BigDecimal minimumTicket,
            @PositiveOrZero @Digits(integer = 13, fraction = 2) BigDecimal preMoneyValuation,
            @NotNull LocalDate closingDate,
            boolean allOrNothing) {

        RoundTerms terms() {
            return new RoundTerms(instrument, targetAmount, minimumRaise, maximumRaise, minimumTicket, preMoneyValuation,
                    closingDate, allOrNothing);
        }
    }

    record OpenRoundRequest(
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 100) String companyOrganisationId,
            @Size(max = 64) String projectId,
            @NotNull @Valid TermsRequest terms,
            boolean sharePassport,
            boolean shareCommitments) {
    }

    record InvitationRequest(@NotBlank @Size(max = 64) String investorId) {
    }

    record InvestorRequest(@Size(max = 64) String investorId) {
    }

    record DocumentRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 500) String reference) {
    }

    record CommitmentRequest(@Size(max = 64) String investorId,
                             @NotNull @Positive @Digits(integer = 13, fraction = 0) BigDecimal amount) {
    }

    record WithdrawalRequest(@Size(max = 64) String investorId, @NotBlank @Size(max = 2000) String reason) {
    }

    record AmendTermsRequest(@NotNull @Valid TermsRequest terms, @NotBlank @Size(max = 2000) String reason,
                             @Min(1) @Max(90) Integer reconfirmWithinDays) {
    }

    record CloseRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    // ---------------------------------------------------------------- opening and reading

    @PostMapping
    @PreAuthorize("hasAnyRole('pole-staff','carrier')")
    @Operation(summary = "Open a round for a company of a labelled project, or for a member company on its own "
            + "(pole staff, or a member of the company that carries the project)")
    ResponseEntity<Map<String, String>> open(@Valid @RequestBody OpenRoundRequest request, Authentication user) {
        String company = request.companyOrganisationId().strip();
        String projectId = request.projectId() == null || request.projectId().isBlank() ? null : request.projectId().strip();
        if (!isStaff(user)) {
            if (!organisations(user).contains(company)) {
                throw DomainException.forbidden("You do not act for " + company + "; only pole staff or the company's "
                        + "members open its round");
            }
            if (projectId != null) {
                ProjectView project = queryGateway.query(new FindProjectQuery(projectId),
                        ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                        .orElseThrow(() -> DomainException.notFound("No project " + projectId));
                if (!company.equals(project.carrierOrganisationId())) {
                    throw DomainException.forbidden("Only pole staff open a round for a partner company; the carrier "
                            + "opens one for its own company");
                }
            }
        }
        String id = InvestmentRounds.newRoundId();
        String processInstanceId = rounds.open(new InvestmentRounds.RoundOpening(id, request.title().strip(), company,
                projectId, request.terms().terms(), request.sharePassport(), request.shareCommitments()));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/rounds/" + id))
                .body(Map.of("id", id, "processInstanceId", processInstanceId));
    }

    @GetMapping
    @Operation(summary = "The rounds the user may see: all (pole staff, auditors), its companies' rounds, or the rounds "
            + "its investors are invited to (each cut to what an investor may see)")
    List<Map<String, Object>> list(Authentication user) {
        List<RoundView> found;
        if (seesAll(user)) {
            found = queryGateway.query(new FindRoundsQuery(null, null), ResponseTypes.multipleInstancesOf(RoundView.class)).join();
        } else {
            found = queryGateway.query(new FindRoundsQuery(investors(user), organisations(user)),
                    ResponseTypes.multipleInstancesOf(RoundView.class)).join();
        }
        return found.stream().map(round -> RoundAccess.view(round, viewer(round, user))).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a round, cut to what the user may see")
    Map<String, Object> get(@PathVariable String id, Authentication user) {
        RoundView round = round(id);
        return RoundAccess.view(round, viewer(round, user));
    }

    @GetMapping("/{id}/data-room")
    @Operation(summary = "The round's documents and the project's funding passport (pole staff, auditors, the company, "
            + "or an invited investor once it accepted the NDA)")
    DataRoomView dataRoom(@PathVariable String id, Authentication user) {
        RoundView round = round(id);
        RoundAccess.Viewer viewer = viewer(round, user);
        if (viewer.isInvestor() && viewer.participant().ndaAcceptedAt() == null) {
            throw DomainException.forbidden("Accept the round's NDA first: POST /api/rounds/" + id + "/nda");
        }
        return passports.dataRoom(round);
    }

    @GetMapping("/{id}/allocation")
    @Operation(summary = "Allocations: an investor sees its own only; pole staff, auditors and the company see them all")
    Map<String, Object> allocation(@PathVariable String id, Authentication user) {
        RoundView round = round(id);
        RoundAccess.Viewer viewer = viewer(round, user);
        if (viewer.isInvestor() && viewer.participant().ndaAcceptedAt() == null) {
            throw DomainException.forbidden("Accept the round's NDA first: POST /api/rounds/" + id + "/nda");
        }
        return RoundAccess.allocation(round, viewer);
    }

    // ---------------------------------------------------------------- staff and company

    @PostMapping("/{id}/invitations")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Invite an investor to the round (pole staff); its users get a task to accept the NDA and commit")
    ResponseEntity<Map<String, String>> invite(@PathVariable String id, @Valid @RequestBody InvitationRequest request) {
        round(id);
        String investorId = request.investorId().strip();
        InvestorView investor = queryGateway.query(new FindInvestorQuery(investorId),
                        ResponseTypes.optionalInstanceOf(InvestorView.class)).join()
                .orElseThrow(() -> DomainException.ruleViolated("No investor " + investorId + "; register it first"));
        rounds.invite(id, investorId, investor.users());
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("roundId", id, "investorId", investorId));
    }

    @PostMapping("/{id}/documents")
    @Operation(summary = "Add a document (title and where it is kept) to the data room (pole staff or the company's members)")
    ResponseEntity<Map<String, String>> addDocument(@PathVariable String id, @Valid @RequestBody DocumentRequest request,
                                                    Authentication user) {
        RoundView round = round(id);
        RoundAccess.Viewer viewer = viewer(round, user);
        if (viewer.relation() != RoundAccess.Relation.STAFF && viewer.relation() != RoundAccess.Relation.COMPANY) {
            throw DomainException.forbidden("Only pole staff or the company's members add documents to the data room");
        }
        String documentId = RandomIds.of("DOC-");
        commandGateway.sendAndWait(new AddRoundDocumentCommand(id, documentId, request.title(), request.reference()));
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("roundId", id, "documentId", documentId));
    }

    @PostMapping("/{id}/terms")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Amend the round's terms (pole staff); after a material change every committed investor must "
            + "reconfirm within reconfirmWithinDays (default 10) or its commitment lapses")
    Map<String, Object> amend(@PathVariable String id, @Valid @RequestBody AmendTermsRequest request, Authentication user) {
        round(id);
        rounds.amendTerms(id, request.terms().terms(), request.reason().strip(),
                request.reconfirmWithinDays() == null ? null : Period.ofDays(request.reconfirmWithinDays()));
        readModels.catchUp();
        return get(id, user);
    }

    @PostMapping("/{id}/close")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Close the round before its closing date (pole staff): cancelled below an all-or-nothing "
            + "minimum, otherwise allocated (pro rata when oversubscribed)")
    Map<String, Object> close(@PathVariable String id, @Valid @RequestBody CloseRequest request, Authentication user) {
        round(id);
        rounds.closeEarly(id, user.getName(), CurrentUser.groups(user), request.reason().strip());
        readModels.catchUp();
        return get(id, user);
    }

    // ---------------------------------------------------------------- investors

    @PostMapping("/{id}/nda")
    @PreAuthorize("hasRole('investor')")
    @Operation(summary = "Accept the round's NDA for your investor (an invited investor's user)")
    Map<String, Object> acceptNda(@PathVariable String id, @RequestBody(required = false) InvestorRequest request,
                                  Authentication user) {
        RoundAccess.Viewer viewer = investorViewer(id, user, request == null ? null : request.investorId());
        commandGateway.sendAndWait(new AcceptRoundNdaCommand(id, viewer.investorId(), user.getName(), clock.instant()));
        readModels.catchUp();
        return get(id, user);
    }

    @PostMapping("/{id}/commitment")
    @PreAuthorize("hasRole('investor')")
    @Operation(summary = "Commit an amount in whole euros, or change your commitment (an invited investor under NDA)")
    Map<String, Object> commit(@PathVariable String id, @Valid @RequestBody CommitmentRequest request, Authentication user) {
        RoundAccess.Viewer viewer = investorViewer(id, user, request.investorId());
        commandGateway.sendAndWait(new CommitToRoundCommand(id, viewer.investorId(), request.amount()));
        readModels.catchUp();
        return get(id, user);
    }

    @PostMapping("/{id}/commitment/withdraw")
    @PreAuthorize("hasRole('investor')")
    @Operation(summary = "Withdraw your commitment before the close, with the reason")
    Map<String, Object> withdraw(@PathVariable String id, @Valid @RequestBody WithdrawalRequest request, Authentication user) {
        RoundAccess.Viewer viewer = investorViewer(id, user, request.investorId());
        commandGateway.sendAndWait(new WithdrawCommitmentCommand(id, viewer.investorId(), request.reason().strip()));
        readModels.catchUp();
        return get(id, user);
    }

    @PostMapping("/{id}/commitment/reconfirm")
    @PreAuthorize("hasRole('investor')")
    @Operation(summary = "Reconfirm your commitment under the amended terms, before the deadline")
    Map<String, Object> reconfirm(@PathVariable String id, @RequestBody(required = false) InvestorRequest request,
                                  Authentication user) {
        RoundAccess.Viewer viewer = investorViewer(id, user, request == null ? null : request.investorId());
        commandGateway.sendAndWait(new ReconfirmCommitmentCommand(id, viewer.investorId()));
        readModels.catchUp();
        return get(id, user);
    }

    // ---------------------------------------------------------------- helpers

    private RoundView round(String id) {
        return queryGateway.query(new FindRoundQuery(id), ResponseTypes.optionalInstanceOf(RoundView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No round " + id));
    }

    /** The caller's relation to the round; 404 when the round is none of the caller's business. */
    private RoundAccess.Viewer viewer(RoundView round, Authentication user) {
        return viewer(round, user, null);
    }

    private RoundAccess.Viewer viewer(RoundView round, Authentication user, String investorId) {
        if (isStaff(user)) {
            return RoundAccess.Viewer.of(RoundAccess.Relation.STAFF);
        }
        if (CurrentUser.hasGroup(user, Roles.AUDITOR)) {
            return RoundAccess.Viewer.of(RoundAccess.Relation.AUDITOR);
        }
        if (organisations(user).contains(round.companyOrganisationId())) {
            return RoundAccess.Viewer.of(RoundAccess.Relation.COMPANY);
        }
        List<String> own = investors(user);
        List<RoundView.Participant> invited = round.investors().stream().filter(p -> own.contains(p.investorId()))
                .filter(p -> investorId == null || p.investorId().equals(investorId)).toList();
        if (invited.isEmpty()) {
            throw DomainException.notFound("No round " + round.id());
        }
        if (invited.size() > 1) {
            throw DomainException.invalid("You act for several investors invited to this round; give investorId, one of "
                    + invited.stream().map(RoundView.Participant::investorId).toList());
        }
        return new RoundAccess.Viewer(RoundAccess.Relation.INVESTOR, invited.get(0));
    }

    private RoundAccess.Viewer investorViewer(String id, Authentication user, String investorId) {
        RoundView round = round(id);
        List<String> own = investors(user);
        List<RoundView.Participant> invited = round.investors().stream().filter(p -> own.contains(p.investorId()))
                .filter(p -> investorId == null || investorId.isBlank() || p.investorId().equals(investorId.strip())).toList();
        if (invited.isEmpty()) {
            throw DomainException.notFound("No round " + id);
        }
        if (invited.size() > 1) {
            throw DomainException.invalid("You act for several investors invited to this round; give investorId");
        }
        return new RoundAccess.Viewer(RoundAccess.Relation.INVESTOR, invited.get(0));
    }

    private List<String> investors(Authentication user) {
        return queryGateway.query(new FindInvestorsOfUserQuery(user.getName()), ResponseTypes.multipleInstancesOf(String.class))
                .join();
    }

    private List<String> organisations(Authentication user) {
        return queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }

    private static boolean isStaff(Authentication user) {
        return CurrentUser.hasGroup(user, Roles.POLE_STAFF) || CurrentUser.hasGroup(user, Roles.ADMIN);
    }

    private static boolean seesAll(Authentication user) {
        return isStaff(user) || CurrentUser.hasGroup(user, Roles.AUDITOR);
    }
}
