package org.tremplin.investment.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tremplin.investment.process.InvestmentRoundProcess;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.console.GenericTaskForm;
import org.tremplin.platform.web.console.TaskForm;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code user_close_round}: where the round stands (terms, committed total) beside the reason for closing it early. */
@Component
class CloseRoundTaskForm implements TaskForm {

    private final RoundController rounds;

    CloseRoundTaskForm(RoundController rounds) {
        this.rounds = rounds;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(InvestmentRoundProcess.Elements.USER_CLOSE_ROUND);
    }

    @Override
    public String fragment() {
        return "investment/tasks :: close";
    }

    @Override
    public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
        model.addAttribute("round", TaskRounds.round(rounds, task, user));
    }

    @Override
    public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
        return GenericTaskForm.valuesOf(task, form, locale);
    }
}
