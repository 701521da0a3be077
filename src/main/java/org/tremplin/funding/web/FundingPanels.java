package org.tremplin.funding.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.tremplin.funding.api.CarrierCapacityView;
import org.tremplin.funding.api.ConventionView;
import org.tremplin.funding.api.FindPredictedPaymentsQuery;
import org.tremplin.funding.api.PredictedPaymentsView;
import org.tremplin.funding.api.FundingSummaryView;
import org.tremplin.funding.process.FundingConventionProcess;
import org.tremplin.funding.query.FundingOverview;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.shared.DomainException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Funding fragments that other pages load with htmx: the overdue stages per funder (staff home), and a project's
 * funding as the caller may read it ({@code GET /api/projects/{id}/funding}) with each convention's tranches and
 * statements, and the caller's "submit an expense statement" task per convention.
 */
@ConsolePage
class FundingPanels {

    private final FundingController funding;
    private final FundingOverview overview;
    private final UserTasks userTasks;
    private final FundingReads reads;
    private final org.axonframework.queryhandling.QueryGateway queryGateway;

    FundingPanels(FundingController funding, FundingOverview overview, UserTasks userTasks, FundingReads reads,
                  org.axonframework.queryhandling.QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
        this.funding = funding;
        this.overview = overview;
        this.userTasks = userTasks;
        this.reads = reads;
    }

    @GetMapping("/funding/overdue")
    String overdue(Authentication user, Model model) {
        FundingReads.requireInsider(user, "every funder's overdue stages");
        Map<String, List<FundingOverview.OverdueStage>> byFunder = new LinkedHashMap<>();
        for (FundingOverview.OverdueStage stage : overview.overdueStages()) {
            if (stage.open()) {
                byFunder.computeIfAbsent(stage.funderName() == null ? stage.funderId() : stage.funderName(),
                        k -> new java.util.ArrayList<>()).add(stage);
            }
        }
        model.addAttribute("overdueByFunder", byFunder);
        return "funding/panels :: overdue";
    }

    /**
     * The fragment for htmx ({@code HX-Request}); opened directly (a link, no script), the same inside a page. Hidden
     * or missing, the fragment is empty with status 404, the page is the console's 404.
     */
    @GetMapping("/projects/{projectId}/funding")
    String projectFunding(@PathVariable String projectId, @RequestHeader(value = "HX-Request", required = false) String htmx,
                          Authentication user, Model model, HttpServletResponse response) {
        FundingSummaryView summary;
        try {
            summary = funding.summary(projectId, null, user);
        } catch (DomainException hidden) {
            if (htmx != null && (hidden.kind() == DomainException.Kind.NOT_FOUND || hidden.kind() == DomainException.Kind.FORBIDDEN)) {
                response.setStatus(404);
                return "funding/panels :: hidden";
            }
            throw hidden;
        }
        Map<String, ConventionView> conventions = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (FundingSummaryView.FunderPart part : summary.funders()) {
            for (FundingSummaryView.PartnerLine line : part.partners()) {
                names.computeIfAbsent(line.organisationId(), reads::organisationName);
                if (line.conventionId() != null) {
                    conventions.put(line.conventionId(), funding.convention(line.conventionId(), null, user));
                }
            }
        }
        summary.stateAid().forEach(aid -> names.computeIfAbsent(aid.organisationId(), reads::organisationName));
        Map<String, String> statementTasks = new HashMap<>();
        for (UserTasks.TaskView task : userTasks.tasksOf(user.getName(), CurrentUser.groups(user), projectId)) {
            String conventionId = FundingReads.subject(task, FundingConventionProcess.Variables.CONVENTION_ID);
            if (FundingConventionProcess.Elements.USER_SUBMIT_EXPENSE_STATEMENT.equals(task.taskDefinitionKey()) && conventionId != null) {
                statementTasks.put(conventionId, task.id());
            }
        }
        model.addAttribute("summary", summary);
        model.addAttribute("conventions", conventions);
        model.addAttribute("organisations", names);
        model.addAttribute("statementTasks", statementTasks);
        model.addAttribute("predicted", predicted(projectId, conventions.keySet()));
        model.addAttribute("projectId", projectId);
        return htmx != null ? "funding/panels :: project" : "funding/project";
    }

    /**
     * The payments still to come on the conventions the caller reads, with their predicted dates (median and p90, from
     * the funders' lead times; src/docs/capacity.md), per convention.
     */
    private Map<String, List<CarrierCapacityView.Payment>> predicted(String projectId, java.util.Set<String> conventionIds) {
        Map<String, List<CarrierCapacityView.Payment>> out = new HashMap<>();
        if (conventionIds.isEmpty()) {
            return out;
        }
        queryGateway.query(new FindPredictedPaymentsQuery(projectId), ResponseTypes.instanceOf(PredictedPaymentsView.class))
                .join().payments().stream()
                .filter(p -> conventionIds.contains(p.conventionId()))
                .forEach(p -> out.computeIfAbsent(p.conventionId(), k -> new java.util.ArrayList<>()).add(p));
        return out;
    }
}
