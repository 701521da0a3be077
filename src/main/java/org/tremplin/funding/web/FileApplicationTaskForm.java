package org.tremplin.funding.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.process.FundingApplicationProcess;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.console.ConsoleFormats;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.platform.web.console.FieldRefusal;
import org.tremplin.platform.web.console.TaskForm;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.tremplin.funding.process.FundingApplicationProcess.Variables.REQUESTS;

/**
 * Filing an application to a funder's call: a row per partner of the consortium (the carrier and the partners who
 * joined) with its industrial research and experimental development costs and the amount it asks. A partner left
 * empty asks nothing. The rows become the step's {@code requests} lines; the rate table's maximum is checked by the
 * step, and a refusal is shown by the partner's row.
 */
@Component
class FileApplicationTaskForm implements TaskForm {

    static final String IR = "ir-";
    static final String ED = "ed-";
    static final String REQUESTED = "req-";

    private final CallController calls;
    private final FundingReads reads;

    FileApplicationTaskForm(CallController calls, FundingReads reads) {
        this.calls = calls;
        this.reads = reads;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(FundingApplicationProcess.Elements.USER_FILE_APPLICATION);
    }

    @Override
    public String fragment() {
        return "funding/tasks :: file";
    }

    @Override
    public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
        CallView call = null;
        try {
            String callId = FundingReads.subject(task, FundingApplicationProcess.Variables.CALL_ID);
            call = callId == null ? null : calls.get(callId);
        } catch (DomainException gone) {
            // shown without the call's details
        }
        ProjectView project = reads.project(task.projectId()).orElse(null);
        List<ProjectView.PartnerView> partners = project == null ? List.of() : project.partners().stream()
                .filter(p -> p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED).toList();
        model.addAttribute("call", call);
        model.addAttribute("projectTitle", project == null ? null : project.title());
        model.addAttribute("partners", partners);
    }

    @Override
    public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
        Set<String> organisations = new LinkedHashSet<>();
        for (String name : form.keySet()) {
            for (String prefix : List.of(IR, ED, REQUESTED)) {
                if (name.startsWith(prefix)) {
                    organisations.add(name.substring(prefix.length()));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (String organisation : organisations) {
            BigDecimal ir = amount(form, IR + organisation, locale);
            BigDecimal ed = amount(form, ED + organisation, locale);
            BigDecimal requested = amount(form, REQUESTED + organisation, locale);
            if (ir == null && ed == null && requested == null) {
                continue;
            }
            lines.add(organisation + ";" + plain(ir) + ";" + plain(ed) + ";" + plain(requested));
        }
        if (lines.isEmpty()) {
            throw new FieldRefusal(null, "fr".equals(locale.getLanguage())
                    ? "Indiquez la demande d'au moins un partenaire." : "Give at least one partner's request.");
        }
        return Map.of(REQUESTS, String.join("\n", lines));
    }

    @Override
    public String fieldOf(String message, UserTasks.TaskView task, Model model) {
        ProjectView project = reads.project(task.projectId()).orElse(null);
        if (project != null) {
            String partner = FundingReads.named(message, project.partners().stream().map(ProjectView.PartnerView::organisationId)
                    .sorted(java.util.Comparator.comparing(String::length).reversed()).toList());
            if (partner != null) {
                return REQUESTED + partner;
            }
        }
        String field = FieldErrors.fieldNamedIn(message, task);
        return REQUESTS.equals(field) ? null : field;
    }

    private static BigDecimal amount(MultiValueMap<String, String> form, String input, Locale locale) {
        try {
            return ConsoleFormats.parseMoney(form.getFirst(input), locale).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new FieldRefusal(input, e.getMessage());
        }
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "0" : amount.toPlainString();
    }
}
