package org.tremplin.organisation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.organisation.api.DeclareReviewerBackgroundCommand;
import org.tremplin.organisation.api.FindReviewerBackgroundsQuery;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.organisation.api.ReviewerBackgroundView;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reviewers' backgrounds (issue 13, mixed review panels; src/docs/review-panels.md): a reviewer declares its own, pole
 * staff declare one on a reviewer's behalf and list every reviewer with its background to compose a panel.
 */
@RestController
@RequestMapping("/api/reviewers")
@Tag(name = "Reviewers", description = "Reviewers' declared backgrounds, for mixed review panels")
class ReviewerController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final Identity identity;
    private final ReadModels readModels;

    ReviewerController(CommandGateway commandGateway, QueryGateway queryGateway, Identity identity, ReadModels readModels) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.identity = identity;
        this.readModels = readModels;
    }

    record BackgroundRequest(@NotNull ReviewerBackground background, @NotBlank @Size(max = 200) String organisationName,
                             @Size(max = 1000) String note) {
    }

    /** A reviewer and its declared background; every field but {@code userId} is {@code null} while none is declared. */
    record ReviewerResponse(String userId, ReviewerBackground background, String organisationName, String note,
                            String declaredBy, Instant declaredAt) {

        static ReviewerResponse of(String userId, ReviewerBackgroundView view) {
            return view == null ? new ReviewerResponse(userId, null, null, null, null, null)
                    : new ReviewerResponse(userId, view.background(), view.organisationName(), view.note(),
                    view.declaredBy(), view.declaredAt());
        }
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('pole-staff', 'auditor')")
    @Operation(summary = "Every reviewer with its declared background (pole staff, auditors)")
    List<ReviewerResponse> list() {
        Map<String, ReviewerBackgroundView> declared = backgrounds(null);
        return identity.usersOf(Roles.REVIEWER).stream().sorted()
                .map(id -> ReviewerResponse.of(id, declared.get(id))).toList();
    }

    @GetMapping("/me/background")
    @PreAuthorize("hasRole('reviewer')")
    @Operation(summary = "My declared background (reviewer)")
    ReviewerResponse mine(Authentication user) {
        return ReviewerResponse.of(user.getName(), backgrounds(List.of(user.getName())).get(user.getName()));
    }

    @PutMapping("/me/background")
    @PreAuthorize("hasRole('reviewer')")
    @Operation(summary = "Declare or change my background (reviewer)")
    ReviewerResponse declareMine(Authentication user, @Valid @RequestBody BackgroundRequest request) {
        return declare(user.getName(), request, user);
    }

    @PutMapping("/{userId}/background")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Declare or change a reviewer's background on its behalf (pole staff)")
    ReviewerResponse declareFor(@PathVariable String userId, @Valid @RequestBody BackgroundRequest request,
                                Authentication user) {
        return declare(userId, request, user);
    }

    private ReviewerResponse declare(String userId, BackgroundRequest request, Authentication user) {
        if (!identity.userExists(userId)) {
            throw DomainException.notFound("No user " + userId);
        }
        commandGateway.sendAndWait(new DeclareReviewerBackgroundCommand(DeclareReviewerBackgroundCommand.profileIdOf(userId),
                userId, request.background(), request.organisationName(), request.note(),
                identity.isInGroup(userId, Roles.REVIEWER), user.getName()));
        readModels.catchUp();
        return ReviewerResponse.of(userId, backgrounds(List.of(userId)).get(userId));
    }

    private Map<String, ReviewerBackgroundView> backgrounds(List<String> userIds) {
        return queryGateway.query(new FindReviewerBackgroundsQuery(userIds),
                        ResponseTypes.multipleInstancesOf(ReviewerBackgroundView.class)).join().stream()
                .collect(Collectors.toMap(ReviewerBackgroundView::userId, Function.identity()));
    }
}
