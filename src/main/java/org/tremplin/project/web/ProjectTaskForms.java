package org.tremplin.project.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.FindCallsQuery;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.console.FieldRefusal;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.command.LabellingRules;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The labelling and lifecycle tasks' pages, made for the people who do them (fragments of {@code project/tasks.html}). */
final class ProjectTaskForms {

    private ProjectTaskForms() {
    }

    /**
     * The capacity checks of the project's carrier and partners (src/docs/capacity.md), as the labelling tasks show
     * them: the same query the decision records ({@code DecideLabelListener}).
     */
    static List<org.tremplin.funding.api.CarrierCapacityView> capacity(
            org.axonframework.queryhandling.QueryGateway queryGateway, UserTasks.TaskView task) {
        if (task.projectId() == null) {
            return List.of();
        }
        return queryGateway.query(new org.tremplin.funding.api.FindProjectCapacityQuery(task.projectId()),
                        org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf(
                                org.tremplin.funding.api.ProjectCapacityView.class))
                .join().checks();
    }

    /** A reviewer reads the file, and the consortium's capacity checks, beside the review form. */
    @Component
    static class ReviewFile extends ProjectTaskForm {

        private final org.axonframework.queryhandling.QueryGateway queryGateway;

        ReviewFile(ProjectConsole console, org.axonframework.queryhandling.QueryGateway queryGateway) {
            super(console);
            this.queryGateway = queryGateway;
        }

        @Override
        public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
            super.prepare(task, user, model);
            model.addAttribute("capacity", capacity(queryGateway, task));
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(LabellingProcess.Elements.USER_REVIEW_FILE);
        }

        @Override
        public String fragment() {
            return "project/tasks :: review";
        }
    }

    /**
     * Pole staff choose the reviewers: ticked among the users of the reviewer group (and any expert who already
     * reviewed for the pole), or typed, and the date the reviews are due.
     */
    @Component
    static class AssignReviewers extends ProjectTaskForm {

        private final org.tremplin.platform.process.Identity identity;
        private final org.axonframework.queryhandling.QueryGateway queryGateway;
        private final LabellingRules rules;

        AssignReviewers(ProjectConsole console, org.tremplin.platform.process.Identity identity,
                        org.axonframework.queryhandling.QueryGateway queryGateway, LabellingRules rules) {
            super(console);
            this.identity = identity;
            this.queryGateway = queryGateway;
            this.rules = rules;
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(LabellingProcess.Elements.USER_ASSIGN_REVIEWERS);
        }

        @Override
        public String fragment() {
            return "project/tasks :: assign";
        }

        @Override
        public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
            super.prepare(task, user, model);
            Set<String> known = new TreeSet<>(identity.usersOf(org.tremplin.shared.Roles.REVIEWER));
            known.addAll(console.knownReviewers());
            model.addAttribute("knownReviewers", known);
            // each reviewer's declared background and the pole's required mix (src/docs/review-panels.md)
            Map<String, String> backgrounds = new java.util.HashMap<>();
            queryGateway.query(new org.tremplin.organisation.api.FindReviewerBackgroundsQuery(List.copyOf(known)),
                            org.axonframework.messaging.responsetypes.ResponseTypes.multipleInstancesOf(
                                    org.tremplin.organisation.api.ReviewerBackgroundView.class)).join()
                    .forEach(v -> backgrounds.put(v.userId(), v.background().name()));
            model.addAttribute("reviewerBackgrounds", backgrounds);
            model.addAttribute("panelMix", rules.panelMixInOrder().stream().map(Enum::name).toList());
        }

        @Override
        public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
            Map<String, Object> values = fieldValues(task, form, locale);
            Set<String> reviewers = new LinkedHashSet<>();
            List<String> ticked = form.get("reviewer");
            if (ticked != null) {
                ticked.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(reviewers::add);
            }
            String typed = form.getFirst("otherReviewers");
            if (typed != null) {
                for (String id : typed.split("[,;\\s]+")) {
                    if (!id.isBlank()) {
                        reviewers.add(id.strip());
                    }
                }
            }
            values.remove("reviewers");
            if (!reviewers.isEmpty()) {
                values.put("reviewers", String.join(", ", reviewers));
            }
            return values;
        }

        @Override
        public String fieldOf(String message, UserTasks.TaskView task, Model model) {
            if (message == null) {
                return null;
            }
            if (message.contains("reviewDeadline")) {
                return "reviewDeadline";
            }
            return message.toLowerCase(Locale.ROOT).contains("reviewer") ? "reviewers" : null;
        }
    }

    /**
     * The committee's decision, with the reviews and the carrier's and partners' capacity checks shown above it (the
     * verdicts shown are recorded with the decision).
     */
    @Component
    static class DecideLabel extends ProjectTaskForm {

        private final org.axonframework.queryhandling.QueryGateway queryGateway;

        DecideLabel(ProjectConsole console, org.axonframework.queryhandling.QueryGateway queryGateway) {
            super(console);
            this.queryGateway = queryGateway;
        }

        @Override
        public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
            super.prepare(task, user, model);
            model.addAttribute("capacity", capacity(queryGateway, task));
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(LabellingProcess.Elements.USER_DECIDE_LABEL);
        }

        @Override
        public String fragment() {
            return "project/tasks :: decide";
        }
    }

    /** The conclusions delivered to the carrier: what the carrier will read, and an optional message. */
    @Component
    static class CommunicateConclusions extends ProjectTaskForm {

        CommunicateConclusions(ProjectConsole console) {
            super(console);
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(LabellingProcess.Elements.USER_COMMUNICATE_CONCLUSIONS);
        }

        @Override
        public String fragment() {
            return "project/tasks :: communicate";
        }
    }

    /** The carrier may contest a refusal before the redress deadline: the decision beside the arguments' field. */
    @Component
    static class ContestRefusal extends ProjectTaskForm {

        ContestRefusal(ProjectConsole console) {
            super(console);
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(LabellingProcess.Elements.USER_CONTEST_REFUSAL);
        }

        @Override
        public String fragment() {
            return "project/tasks :: contest";
        }
    }

    /** Pole staff decide a contest: the reviews and the carrier's arguments beside the decision's fields. */
    @Component
    static class DecideRedress extends ProjectTaskForm {

        DecideRedress(ProjectConsole console) {
            super(console);
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(LabellingProcess.Elements.USER_DECIDE_REDRESS);
        }

        @Override
        public String fragment() {
            return "project/tasks :: redress";
        }
    }

    /** The carrier submits for labelling: the consortium as it stands and what is still missing. */
    @Component
    static class BuildConsortium extends ProjectTaskForm {

        private final LabellingRules rules;

        BuildConsortium(ProjectConsole console, LabellingRules rules) {
            super(console);
            this.rules = rules;
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM);
        }

        @Override
        public String fragment() {
            return "project/tasks :: consortium";
        }

        @Override
        public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
            super.prepare(task, user, model);
            ProjectResponse project = (ProjectResponse) model.getAttribute("project");
            List<ProjectView.PartnerView> partners = project == null || project.partners() == null ? List.of()
                    : project.partners();
            List<ProjectView.PartnerView> members = partners.stream()
                    .filter(p -> p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED).toList();
            model.addAttribute("companies", members.stream().filter(p -> p.kind().isCompany()).count());
            model.addAttribute("labs", members.stream().filter(p -> p.kind() == OrganisationKind.RESEARCH_LAB).count());
            model.addAttribute("rules", rules);
            model.addAttribute("pendingAnswers", partners.stream().filter(p -> p.status() == PartnerStatus.INVITED).toList());
            model.addAttribute("pendingNdas", partners.stream()
                    .filter(p -> p.status() == PartnerStatus.JOINED && p.ndaSignedAt() == null).toList());
        }

        @Override
        public String fieldOf(String message, UserTasks.TaskView task, Model model) {
            return "consortiumComplete";
        }
    }

    /** The calls the labelled project applies to: the calls open today, ticked. */
    @Component
    static class ChooseTargetCalls extends ProjectTaskForm {

        private final QueryGateway queryGateway;

        ChooseTargetCalls(ProjectConsole console, QueryGateway queryGateway) {
            super(console);
            this.queryGateway = queryGateway;
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(ProjectLifecycleProcess.Elements.USER_CHOOSE_TARGET_CALLS);
        }

        @Override
        public String fragment() {
            return "project/tasks :: calls";
        }

        @Override
        public void prepare(UserTasks.TaskView task, Authentication user, Model model) {
            super.prepare(task, user, model);
            model.addAttribute("calls", queryGateway.query(new FindCallsQuery(null, LocalDate.now(org.tremplin.shared.ParisTime.ZONE)),
                    ResponseTypes.multipleInstancesOf(CallView.class)).join());
        }

        @Override
        public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> calls = new ArrayList<>();
            List<String> ticked = form.get("call");
            if (ticked != null) {
                ticked.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().forEach(calls::add);
            }
            if (!calls.isEmpty()) {
                values.put("targetCalls", String.join(", ", calls));
            }
            return values;
        }

        @Override
        public String fieldOf(String message, UserTasks.TaskView task, Model model) {
            return "targetCalls";
        }
    }

    /** The growth stage: the round's terms as amounts in euros, the instrument and the closing date. */
    @Component
    static class PlanGrowth extends ProjectTaskForm {

        static final List<String> MONEY = List.of("targetAmount", "minimumRaise", "maximumRaise", "minimumTicket",
                "preMoneyValuation");

        PlanGrowth(ProjectConsole console) {
            super(console);
        }

        @Override
        public Set<String> taskKeys() {
            return Set.of(ProjectLifecycleProcess.Elements.USER_PLAN_GROWTH);
        }

        @Override
        public String fragment() {
            return "project/tasks :: growth";
        }

        @Override
        public Map<String, Object> values(UserTasks.TaskView task, MultiValueMap<String, String> form, Locale locale) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (UserTasks.FormFieldView field : task.form()) {
                String text = form.getFirst(field.id());
                Object value;
                if (MONEY.contains(field.id())) {
                    try {
                        value = ProjectConsole.money(text, locale) == null ? null
                                : ProjectConsole.money(text, locale).toPlainString();
                    } catch (IllegalArgumentException e) {
                        throw new FieldRefusal(field.id(), e.getMessage());
                    }
                } else {
                    value = value(field, form, locale);
                }
                if (value != null) {
                    values.put(field.id(), value);
                }
            }
            return values;
        }
    }
}
