package org.tremplin.funding.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.FundingApplicationView;
import org.tremplin.funding.api.FundingSummaryView;
import org.tremplin.funding.process.FundingApplicationProcess;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.console.ConsoleFormats;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.platform.web.console.FieldRefusal;
import org.tremplin.platform.web.console.GenericTaskForm;
import org.tremplin.platform.web.console.TaskForm;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.tremplin.funding.process.FundingApplicationProcess.Variables.GRANTED;
import static org.tremplin.funding.process.FundingApplicationProcess.Variables.GRANTS;

/**
 * The funder's decision as a page: the project, the call, and a row per partner — its eligible costs, the rate and
 * the maximum from the rate table, what it asked — with an amount field per partner; granted or rejected, the reasons,
 * and for pole staff the justification of an aid over the state-aid ceiling. The amounts become the step's
 * {@code grants} lines ({@code ORG;amount}); the step and the aggregates refuse a grant over the request (hence over
 * the rate's maximum) or over the ceiling, and the refusal is shown next to the partner it names.
 */
@Component
class DecisionTaskForm implements TaskForm {

    static final String GRANT_INPUT = "grant-";

    /** A partner's row: what it asked and may get; its state aid so far as the caller may see it. */
    record PartnerRow(FundingApplicationView.PartnerAid aid, String name, BigDecimal eligibleCosts,
                      FundingSummaryView.PartnerStateAid stateAid) {
    }

    private final FundingController funding;
    private final CallController calls;
    private final FundingReads reads;

    DecisionTaskForm(FundingController funding, CallController calls, FundingReads reads) {
        this.funding = funding;
        this.calls = calls;
        this.reads = reads;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of(FundingApplicationProcess.Elements.USER_RECORD_FUNDING_DECISION);
    }

    @Override
    public String fragment() {
        return "funding/tasks :: decision";
    }

    @Override
    public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
        FundingApplicationView application = funding.application(
                FundingReads.subject(task, FundingApplicationProcess.Variables.APPLICATION_ID), user);
        CallView call = null;
        try {
            call = application.callId() == null ? null : calls.get(application.callId());
        } catch (DomainException gone) {
            // the call's code is on the application
        }
        FundingSummaryView summary = null;
        try {
            summary = funding.summary(application.projectId(), null, user);
        } catch (DomainException hidden) {
            // no state-aid lines to show
        }
        List<PartnerRow> rows = new ArrayList<>();
        for (FundingApplicationView.PartnerAid aid : application.partners()) {
            FundingSummaryView.PartnerStateAid stateAid = summary == null ? null : summary.stateAid().stream()
                    .filter(s -> s.organisationId().equals(aid.organisationId())).findFirst().orElse(null);
            rows.add(new PartnerRow(aid, reads.organisationName(aid.organisationId()),
                    aid.industrialResearchCost().add(aid.experimentalDevelopmentCost()), stateAid));
        }
        model.addAttribute("fundingApplication", application);
        model.addAttribute("call", call);
        model.addAttribute("projectTitle", reads.project(application.projectId()).map(ProjectView::title).orElse(null));
        model.addAttribute("rows", rows);
        model.addAttribute("staff", FundingReads.isStaff(user));
    }

    @Override
    public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
        Map<String, Object> values = GenericTaskForm.valuesOf(task, form, locale);
        boolean granted = Boolean.TRUE.equals(values.get(GRANTED));
        values.remove(GRANTS);
        if (granted) {
            List<String> lines = new ArrayList<>();
            for (Map.Entry<String, List<String>> input : form.entrySet()) {
                if (!input.getKey().startsWith(GRANT_INPUT) || input.getValue().isEmpty()) {
                    continue;
                }
                String organisationId = input.getKey().substring(GRANT_INPUT.length());
                BigDecimal amount;
                try {
                    amount = ConsoleFormats.parseMoney(input.getValue().get(0), locale).orElse(null);
                } catch (IllegalArgumentException e) {
                    throw new FieldRefusal(input.getKey(), e.getMessage());
                }
                if (amount != null) {
                    lines.add(organisationId + ";" + amount.toPlainString());
                }
            }
            if (!lines.isEmpty()) {
                values.put(GRANTS, String.join("\n", lines));
            }
        }
        return values;
    }

    @Override
    public String fieldOf(String message, UserTasks.TaskView task, Model model) {
        String field = FieldErrors.fieldNamedIn(message, task);
        if (field != null && !GRANTS.equals(field)) {
            return field;
        }
        String partner = FundingReads.named(message,
                reads.partnersOf(FundingReads.subject(task, FundingApplicationProcess.Variables.APPLICATION_ID)));
        return partner != null ? GRANT_INPUT + partner : field;
    }
}
