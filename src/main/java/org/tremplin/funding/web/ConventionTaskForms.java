package org.tremplin.funding.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.tremplin.funding.command.Tranches;
import org.tremplin.funding.api.ConventionView;
import org.tremplin.funding.api.PaymentKind;
import org.tremplin.funding.process.FundingConventionProcess;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.console.GenericTaskForm;
import org.tremplin.platform.web.console.TaskForm;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.tremplin.funding.process.FundingConventionProcess.Elements.*;

/**
 * The pages of a convention's tasks: each shows the convention as the caller may read it
 * ({@code GET /api/funding/conventions/{id}}: grant, rate, schedule, paid, remaining, statements) beside the task's
 * own typed fields (dates, euros, percentages), which go to the step as they are.
 */
final class ConventionTaskForms {

    private ConventionTaskForms() {
    }

    /** What every convention page shows. */
    abstract static class Base implements TaskForm {

        private final FundingController funding;
        private final FundingReads reads;

        Base(FundingController funding, FundingReads reads) {
            this.funding = funding;
            this.reads = reads;
        }

        @Override
        public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
            ConventionView convention = null;
            String conventionId = FundingReads.subject(task, FundingConventionProcess.Variables.CONVENTION_ID);
            try {
                convention = conventionId == null ? null : funding.convention(conventionId, null, user);
            } catch (DomainException notYet) {
                // the read model may lag a just-granted convention: the page shows the task's fields
            }
            model.addAttribute("convention", convention);
            model.addAttribute("projectTitle", reads.project(task.projectId()).map(ProjectView::title).orElse(null));
            if (convention != null) {
                more(convention, model);
            }
        }

        /** What this page adds to the convention's facts. */
        void more(ConventionView convention, Model model) {
        }

        @Override
        public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
            return GenericTaskForm.valuesOf(task, form, locale);
        }
    }

    @Component
    static class Sign extends Base {

        Sign(FundingController funding, FundingReads reads) {
            super(funding, reads);
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(USER_SIGN_CONVENTION);
        }

        @Override
        public String fragment() {
            return "funding/tasks :: sign";
        }
    }

    /** The advance and the balance: the amount expected from the signed terms, and the payment reference. */
    @Component
    static class Pay extends Base {

        Pay(FundingController funding, FundingReads reads) {
            super(funding, reads);
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(USER_PAY_ADVANCE, USER_PAY_BALANCE);
        }

        @Override
        public String fragment() {
            return "funding/tasks :: pay";
        }

        @Override
        void more(ConventionView c, Model model) {
            boolean advancePaid = c.payments().stream().anyMatch(p -> p.kind() == PaymentKind.ADVANCE);
            BigDecimal expected;
            if (!advancePaid && c.advancePercent() != null) {
                expected = Tranches.advance(c.grantedAmount(), c.advancePercent());
            } else if (c.ratePercent() != null) {
                expected = Tranches.balance(c.approvedTotal(), c.ratePercent(), c.grantedAmount(), c.paidTotal());
            } else {
                expected = c.remaining();
            }
            model.addAttribute("expectedAmount", expected);
            model.addAttribute("advance", !advancePaid);
        }
    }

    @Component
    static class SubmitStatement extends Base {

        SubmitStatement(FundingController funding, FundingReads reads) {
            super(funding, reads);
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(USER_SUBMIT_EXPENSE_STATEMENT);
        }

        @Override
        public String fragment() {
            return "funding/tasks :: statement";
        }

        /** On the first showing, the period ends today (Paris), the usual case; the person may pick another day. */
        @Override
        void more(ConventionView convention, Model model) {
            Object typed = model.getAttribute("form");
            if (typed instanceof Map<?, ?> form && form.isEmpty()) {
                model.addAttribute("form", Map.of(FundingConventionProcess.Variables.PERIOD_END,
                        java.time.LocalDate.now(org.tremplin.platform.web.console.ConsoleFormats.PARIS).toString()));
            }
        }
    }

    /** The statement under review (the last one submitted) beside approve / amount / comment. */
    @Component
    static class ReviewStatement extends Base {

        ReviewStatement(FundingController funding, FundingReads reads) {
            super(funding, reads);
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(USER_REVIEW_EXPENSE_STATEMENT);
        }

        @Override
        public String fragment() {
            return "funding/tasks :: review";
        }

        @Override
        void more(ConventionView convention, Model model) {
            ConventionView.Statement pending = null;
            for (ConventionView.Statement statement : convention.statements()) {
                if ("SUBMITTED".equals(statement.status())) {
                    pending = statement;
                }
            }
            model.addAttribute("statement", pending);
        }
    }

    @Component
    static class FinalReport extends Base {

        FinalReport(FundingController funding, FundingReads reads) {
            super(funding, reads);
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(USER_ACCEPT_FINAL_REPORT);
        }

        @Override
        public String fragment() {
            return "funding/tasks :: finalReport";
        }
    }
}
