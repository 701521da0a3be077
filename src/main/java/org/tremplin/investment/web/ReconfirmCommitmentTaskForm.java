package org.tremplin.investment.web;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tremplin.investment.api.RoundTermsAmendedEvent;
import org.tremplin.investment.process.InvestmentRoundProcess;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.console.GenericTaskForm;
import org.tremplin.platform.web.console.TaskForm;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code user_reconfirm_commitment}: the terms before and after the material change (from the round's recorded
 * amendment, shown only to an investor who may read the terms), the commitment and its deadline, and the choice.
 */
@Component
class ReconfirmCommitmentTaskForm implements TaskForm {

    private final RoundController rounds;
    private final EventStore eventStore;

    ReconfirmCommitmentTaskForm(RoundController rounds, EventStore eventStore) {
        this.rounds = rounds;
        this.eventStore = eventStore;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(InvestmentRoundProcess.Elements.USER_RECONFIRM_COMMITMENT);
    }

    @Override
    public String fragment() {
        return "investment/tasks :: reconfirm";
    }

    @Override
    public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
        Map<String, Object> round = TaskRounds.round(rounds, task, user);
        model.addAttribute("round", round);
        Object investorId = task.subject() == null ? null : task.subject().get("investorId");
        RoundTermsAmendedEvent amendment = null;
        if (round != null && round.get("terms") != null && investorId != null) {
            amendment = eventStore.readEvents((String) round.get("id")).asStream().map(EventMessage::getPayload)
                    .filter(RoundTermsAmendedEvent.class::isInstance).map(RoundTermsAmendedEvent.class::cast)
                    .filter(e -> e.material() && e.toReconfirm().contains(String.valueOf(investorId)))
                    .reduce((first, second) -> second).orElse(null);
        }
        model.addAttribute("amendment", amendment);
    }

    @Override
    public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
        return GenericTaskForm.valuesOf(task, form, locale);
    }
}
