package org.tremplin.funding.web;

import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tremplin.funding.api.FunderLedgerView;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.api.FundingApplicationView;
import org.tremplin.funding.process.FundingApplicationProcess;
import org.tremplin.funding.process.FundingConventionProcess;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A funder's home: the funders the user acts for and the tasks waiting for them (applications to decide, conventions
 * to sign, statements and final reports to review, payments to record), each linking to its task page; and the
 * funder's ledger as {@code GET /api/funders/{id}/ledger} answers it.
 */
@ConsolePage
class FunderPages {

    static final Set<String> DECIDE = Set.of(FundingApplicationProcess.Elements.USER_RECORD_FUNDING_DECISION);
    static final Set<String> SIGN = Set.of(FundingConventionProcess.Elements.USER_SIGN_CONVENTION);
    static final Set<String> REVIEW = Set.of(FundingConventionProcess.Elements.USER_REVIEW_EXPENSE_STATEMENT,
            FundingConventionProcess.Elements.USER_ACCEPT_FINAL_REPORT);
    static final Set<String> PAY = Set.of(FundingConventionProcess.Elements.USER_PAY_ADVANCE,
            FundingConventionProcess.Elements.USER_PAY_BALANCE);

    /** A decision to record, with what was asked. */
    record DecisionRow(UserTasks.TaskView task, FundingApplicationView application) {
    }

    private final FundingController funding;
    private final FunderController funders;
    private final UserTasks userTasks;
    private final FundingReads reads;

    FunderPages(FundingController funding, FunderController funders, UserTasks userTasks, FundingReads reads) {
        this.funding = funding;
        this.funders = funders;
        this.userTasks = userTasks;
        this.reads = reads;
    }

    @GetMapping("/funder")
    String home(Authentication user, Model model) {
        requireFunder(user);
        List<FunderView> mine = reads.fundersOf(user).stream().map(funders::get).toList();
        // only the steps this page shows, selected by the database
        Set<String> shown = new java.util.HashSet<>(DECIDE);
        shown.addAll(SIGN);
        shown.addAll(REVIEW);
        shown.addAll(PAY);
        List<UserTasks.TaskView> tasks = userTasks.tasksOfSteps(user.getName(), CurrentUser.groups(user), shown);
        List<DecisionRow> decisions = new ArrayList<>();
        for (UserTasks.TaskView task : tasks) {
            if (DECIDE.contains(task.taskDefinitionKey())) {
                String applicationId = FundingReads.subject(task, FundingApplicationProcess.Variables.APPLICATION_ID);
                FundingApplicationView application = null;
                try {
                    application = applicationId == null ? null : funding.application(applicationId, user);
                } catch (DomainException hidden) {
                    // not yet projected, or not readable: the task is still listed
                }
                decisions.add(new DecisionRow(task, application));
            }
        }
        model.addAttribute("funders", mine);
        model.addAttribute("decisions", decisions);
        Map<String, List<UserTasks.TaskView>> groups = new LinkedHashMap<>();
        groups.put("sign", of(tasks, SIGN));
        groups.put("review", of(tasks, REVIEW));
        groups.put("pay", of(tasks, PAY));
        model.addAttribute("taskGroups", groups);
        return "funding/funder";
    }

    @GetMapping("/funder/ledger")
    String ledger(@RequestParam(required = false) String funderId, Authentication user, Model model) {
        boolean staff = FundingReads.isStaff(user) || CurrentUser.hasGroup(user, Roles.AUDITOR);
        if (!staff) {
            requireFunder(user);
        }
        List<String> ids;
        if (funderId != null && !funderId.isBlank()) {
            ids = List.of(funderId.strip());
        } else if (staff) {
            ids = funders.list(null).stream().map(FunderView::id).toList();
        } else {
            ids = reads.fundersOf(user);
        }
        List<FunderLedgerView> ledgers = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String id : ids) {
            FunderLedgerView ledger = funding.ledger(id, user);
            ledgers.add(ledger);
            ledger.payments().forEach(line -> names.computeIfAbsent(line.organisationId(), reads::organisationName));
        }
        model.addAttribute("ledgers", ledgers);
        model.addAttribute("organisations", names);
        return "funding/ledger";
    }

    private static List<UserTasks.TaskView> of(List<UserTasks.TaskView> tasks, Set<String> keys) {
        return tasks.stream().filter(t -> keys.contains(t.taskDefinitionKey())).toList();
    }

    private static void requireFunder(Authentication user) {
        if (!CurrentUser.hasGroup(user, Roles.FUNDER)) {
            throw DomainException.forbidden("The funder's pages are for funders' users");
        }
    }
}
