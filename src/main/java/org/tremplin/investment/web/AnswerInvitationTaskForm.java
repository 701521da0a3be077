package org.tremplin.investment.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tremplin.investment.process.InvestmentRoundProcess;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.console.GenericTaskForm;
import org.tremplin.platform.web.console.TaskForm;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code user_answer_invitation}: the round as the investor may read it (before the NDA its name and closing date
 * only), the NDA checkbox and the commitment typed in euros, given to the task as whole euros ({@code "150000"}).
 */
@Component
class AnswerInvitationTaskForm implements TaskForm {

    private final RoundController rounds;

    AnswerInvitationTaskForm(RoundController rounds) {
        this.rounds = rounds;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(InvestmentRoundProcess.Elements.USER_ANSWER_INVITATION);
    }

    @Override
    public String fragment() {
        return "investment/tasks :: answer";
    }

    @Override
    public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
        model.addAttribute("round", TaskRounds.round(rounds, task, user));
    }

    @Override
    public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
        Map<String, Object> values = new LinkedHashMap<>();
        UserTasks.FormFieldView nda = task.form().stream()
                .filter(f -> f.id().equals(InvestmentRoundProcess.Variables.ACCEPT_NDA)).findFirst().orElseThrow();
        values.put(nda.id(), GenericTaskForm.value(nda, form.getFirst(nda.id()), locale));
        BigDecimal amount = ConsoleInput.money(form, InvestmentRoundProcess.Variables.COMMITMENT, locale);
        if (amount != null) {
            values.put(InvestmentRoundProcess.Variables.COMMITMENT, amount.stripTrailingZeros().toPlainString());
        }
        return values;
    }

    /** A refused commitment (ticket, maximum, whole euros) by the amount; the NDA's by its checkbox. */
    @Override
    public String fieldOf(String message, UserTasks.TaskView task, Model model) {
        if (message == null) {
            return null;
        }
        if (message.contains(InvestmentRoundProcess.Variables.ACCEPT_NDA) || message.contains("NDA")) {
            return InvestmentRoundProcess.Variables.ACCEPT_NDA;
        }
        return ConsoleInput.named(message, List.of("commitment", "amount", "ticket", "maximum raise"), null) == null
                ? null : InvestmentRoundProcess.Variables.COMMITMENT;
    }
}
