package org.tremplin.organisation.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.organisation.api.AddPartnerPoleUserCommand;
import org.tremplin.organisation.api.PartnerPoleRegisteredEvent;
import org.tremplin.organisation.api.PartnerPoleUserAddedEvent;
import org.tremplin.organisation.api.RegisterPartnerPoleCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Another competitiveness cluster registered as a partner pole (issue 13, co-labelling): it labels projects that span
 * its themes, through its own users.
 */
@Aggregate
public class PartnerPole {

    /** POLE- then capitals, digits and dashes. */
    public static final Pattern ID = Pattern.compile("POLE-[A-Z0-9][A-Z0-9-]{0,59}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_THEMES = 20;

    @AggregateIdentifier
    private String poleId;
    private boolean registered;
    private final Set<String> users = new HashSet<>();

    protected PartnerPole() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterPartnerPoleCommand command) {
        if (registered) {
            throw DomainException.conflict("Partner pole " + command.poleId() + " is already registered");
        }
        if (command.poleId() == null || !ID.matcher(command.poleId()).matches()) {
            throw DomainException.invalid("poleId must be POLE- followed by capitals, digits or dashes (at most 64)");
        }
        String name = Require.text(command.name(), "name", 200);
        Require.notEmpty(command.themes(), "themes");
        Set<String> themes = new LinkedHashSet<>();
        for (String theme : command.themes()) {
            themes.add(Require.text(theme, "themes", 100));
        }
        if (themes.size() > MAX_THEMES) {
            throw DomainException.invalid("themes: at most " + MAX_THEMES + " themes");
        }
        String contactName = Require.text(command.contactName(), "contactName", 200);
        String contactEmail = Require.text(command.contactEmail(), "contactEmail", 200);
        if (!EMAIL.matcher(contactEmail).matches()) {
            throw DomainException.invalid("contactEmail: " + contactEmail + " is not an e-mail address");
        }
        apply(new PartnerPoleRegisteredEvent(command.poleId(), name, new ArrayList<>(themes), contactName, contactEmail));
    }

    @CommandHandler
    public void handle(AddPartnerPoleUserCommand command) {
        String userId = Require.text(command.userId(), "userId", 64);
        if (users.contains(userId)) {
            throw DomainException.conflict("User " + userId + " already acts for partner pole " + poleId);
        }
        apply(new PartnerPoleUserAddedEvent(poleId, userId));
    }

    @EventSourcingHandler
    void on(PartnerPoleRegisteredEvent event) {
        this.poleId = event.poleId();
        this.registered = true;
    }

    @EventSourcingHandler
    void on(PartnerPoleUserAddedEvent event) {
        users.add(event.userId());
    }
}
