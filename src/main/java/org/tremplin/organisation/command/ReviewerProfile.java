package org.tremplin.organisation.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.organisation.api.DeclareReviewerBackgroundCommand;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.organisation.api.ReviewerBackgroundDeclaredEvent;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A reviewer's profile (issue 13, mixed review panels): the background it declares (large company, SME or research
 * lab), the organisation it works for and an optional note. One per reviewer, id {@code REVIEWER-<userId>}; created by
 * the first declaration, changed by the next ones (each an event naming the background it replaces).
 */
@Aggregate
public class ReviewerProfile {

    @AggregateIdentifier
    private String profileId;
    private String userId;
    private ReviewerBackground background;
    private String organisationName;
    private String note;

    protected ReviewerProfile() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DeclareReviewerBackgroundCommand command) {
        String user = Require.text(command.userId(), "userId", 64);
        if (!DeclareReviewerBackgroundCommand.profileIdOf(user).equals(command.profileId())) {
            throw DomainException.invalid("profileId must be " + DeclareReviewerBackgroundCommand.profileIdOf(user));
        }
        if (!command.userIsReviewer()) {
            throw DomainException.invalid("userId: " + user + " is not a reviewer; only reviewers declare a background");
        }
        ReviewerBackground declared = Require.present(command.background(), "background");
        String organisation = Require.text(command.organisationName(), "organisationName", 200);
        String newNote = command.note() == null || command.note().isBlank() ? null : Require.text(command.note(), "note", 1000);
        if (declared == background && organisation.equals(organisationName) && Objects.equals(newNote, note)) {
            throw DomainException.conflict(user + " has already declared exactly this background (" + declared + ", "
                    + organisation + ")");
        }
        apply(new ReviewerBackgroundDeclaredEvent(user, declared, organisation, newNote, background,
                Require.text(command.declaredBy(), "declaredBy", 64)));
    }

    @EventSourcingHandler
    void on(ReviewerBackgroundDeclaredEvent event) {
        profileId = DeclareReviewerBackgroundCommand.profileIdOf(event.userId());
        userId = event.userId();
        background = event.background();
        organisationName = event.organisationName();
        note = event.note();
    }
}
