package org.tremplin.investment.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.tremplin.investment.api.AnswerInvitationCommand;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.time.Clock;

import static org.tremplin.investment.process.InvestmentRoundProcess.Variables.*;

/**
 * Completing {@code user_answer_invitation} (an invited investor's user, in Tasklist): accepts the round's NDA unless
 * already accepted, and commits the amount given, if any. The same rules as through the API: a commitment below the
 * minimum ticket or over an all-or-nothing round's maximum is refused and the task stays open.
 */
@Component
public class AnswerInvitationListener implements TaskListener {

    private final StepCommands commands;
    private final Clock clock;

    public AnswerInvitationListener(StepCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(StepVariables.bool(task, ACCEPT_NDA))) {
            throw DomainException.invalid(ACCEPT_NDA + " must be ticked: the round's NDA comes before anything else "
                    + "(leave the task open if your investor does not take part)");
        }
        String roundId = task.getExecution().getProcessBusinessKey();
        String investorId = StepVariables.string(task, INVESTOR_ID);
        BigDecimal commitment = StepVariables.euros(task, COMMITMENT);
        // the round decides whether the NDA is still to accept (never a read model, which may lag)
        commands.send(task, new AnswerInvitationCommand(roundId, investorId, commands.currentActor(), clock.instant(),
                commitment));
    }
}
