package org.tremplin.investment.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.investment.api.AddInvestorUserCommand;
import org.tremplin.investment.api.InvestorKind;
import org.tremplin.investment.api.InvestorRegisteredEvent;
import org.tremplin.investment.api.InvestorUserAddedEvent;
import org.tremplin.investment.api.RegisterInvestorCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An investor organisation (business angels, VC fund, Bpifrance fund, corporate fund), one per code, with its users. */
@Aggregate
public class Investor {

    static final Pattern CODE = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");
    static final int MAX_CODE_LENGTH = 30;
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    @AggregateIdentifier
    private String investorId;
    private boolean registered;
    private String name;
    private final Set<String> users = new HashSet<>();

    protected Investor() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterInvestorCommand command) {
        if (registered) {
            throw DomainException.conflict("An investor with code " + command.code() + " is already registered (" + name + ")");
        }
        String code = Require.text(command.code(), "code", MAX_CODE_LENGTH);
        if (!CODE.matcher(code).matches()) {
            throw DomainException.invalid("code must be capital letters and digits in groups separated by single dashes, "
                    + "e.g. ANGELS-ARA (got " + code + ")");
        }
        if (!RegisterInvestorCommand.investorId(code).equals(command.investorId())) {
            throw DomainException.invalid("investorId must be derived from the code: " + RegisterInvestorCommand.investorId(code));
        }
        String investorName = Require.text(command.name(), "name", 200);
        InvestorKind kind = Require.present(command.kind(), "kind");
        apply(new InvestorRegisteredEvent(command.investorId(), code, investorName, kind));
    }

    @CommandHandler
    public void handle(AddInvestorUserCommand command) {
        String userId = Require.text(command.userId(), "userId", 64);
        if (!USER_ID.matcher(userId).matches()) {
            throw DomainException.invalid("userId may contain only letters, digits, '.', '_', '@' and '-'");
        }
        if (users.contains(userId)) {
            throw DomainException.conflict("User " + userId + " already acts for " + name);
        }
        apply(new InvestorUserAddedEvent(investorId, userId));
    }

    @EventSourcingHandler
    void on(InvestorRegisteredEvent event) {
        investorId = event.investorId();
        registered = true;
        name = event.name();
    }

    @EventSourcingHandler
    void on(InvestorUserAddedEvent event) {
        users.add(event.userId());
    }
}
