package org.tremplin.project.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.platform.web.console.ConsolePaging;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.project.api.ProjectCounts;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The project context's console pages: the pole's home ({@code /staff}), the projects and each project's page, the
 * carriers' and partners' home ({@code /carrier}), the reviewers' home ({@code /reviews}) and the idea form. Every
 * read and every action goes through {@link ProjectController}'s own methods with the caller's authentication, so a
 * page shows and does exactly what the API lets the caller see and do.
 */
@ConsolePage
class ProjectPages {

    /** Staff home: how many of the latest projects it lists under the counts. */
    static final int LATEST = 15;

    private final ProjectConsole console;
    private final org.springframework.context.MessageSource messages;

    ProjectPages(ProjectConsole console, org.springframework.context.MessageSource messages) {
        this.console = console;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- homes

    @GetMapping("/staff")
    String staff(Authentication user, Model model) {
        if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF) && !CurrentUser.hasGroup(user, Roles.ADMIN)) {
            throw DomainException.notFound("No page /staff for you");
        }
        Map<ProjectStatus, Long> counts = new EnumMap<>(ProjectStatus.class);
        for (ProjectStatus status : ProjectStatus.values()) {
            counts.put(status, 0L);
        }
        if (CurrentUser.hasGroup(user, Roles.POLE_STAFF)) {
            // staff see every project: counted and the latest read by the database, whatever the number of projects
            ProjectCounts counted = console.counts();
            counts.replaceAll((status, none) -> counted.at(status));
            model.addAttribute("total", counted.total());
            model.addAttribute("latest", console.page(user, null, 0, LATEST).projects());
        } else {
            List<ProjectResponse> projects = console.list(user);
            projects.forEach(p -> counts.merge(p.status(), 1L, Long::sum));
            model.addAttribute("total", projects.size());
            model.addAttribute("latest", projects.stream().limit(LATEST).toList());
        }
        model.addAttribute("counts", counts);
        return "project/staff";
    }

    @GetMapping("/carrier")
    String carrier(Authentication user, Model model) {
        if (!CurrentUser.hasGroup(user, Roles.CARRIER)) {
            throw DomainException.notFound("No page /carrier for you");
        }
        List<String> organisations = console.organisationsOf(user);
        List<ProjectResponse> carried = new ArrayList<>();
        List<ProjectResponse> partnered = new ArrayList<>();
        List<Map<String, Object>> invitations = new ArrayList<>();
        List<Map<String, Object>> ndas = new ArrayList<>();
        if (!organisations.isEmpty()) {
            // the projects its organisations carry (their lead row) or are partners of, through the partners' index:
            // the home costs the carrier's own projects, not the pole's
            for (ProjectView view : console.viewsOf(organisations)) {
                boolean carrier = organisations.contains(view.carrierOrganisationId());
                List<ProjectView.PartnerView> own = view.partners().stream()
                        .filter(partner -> partner.status() != PartnerStatus.LEAD
                                && organisations.contains(partner.organisationId()))
                        .toList();
                if (!carrier && own.isEmpty()) {
                    continue;
                }
                ProjectResponse seen = console.projectIfVisible(view.id(), user).orElse(null);
                if (carrier && seen != null) {
                    carried.add(seen);
                }
                boolean building = view.status() == ProjectStatus.CONSORTIUM_BUILDING;
                for (ProjectView.PartnerView row : own) {
                    if (row.status() == PartnerStatus.JOINED && seen != null && !partnered.contains(seen)) {
                        partnered.add(seen);
                    }
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("projectId", view.id());
                    item.put("title", seen == null ? null : seen.title());
                    item.put("organisationId", row.organisationId());
                    item.put("organisationName", row.name());
                    item.put("status", row.status());
                    if (row.status() == PartnerStatus.INVITED && building) {
                        invitations.add(item);
                    }
                    if ((row.status() == PartnerStatus.INVITED || row.status() == PartnerStatus.JOINED)
                            && row.ndaSignedAt() == null && !view.status().labellingIsOver()) {
                        ndas.add(item);
                    }
                }
            }
        }
        model.addAttribute("organisations", organisations);
        model.addAttribute("carried", carried);
        model.addAttribute("partnered", partnered);
        model.addAttribute("invitations", invitations);
        model.addAttribute("ndas", ndas);
        model.addAttribute("submitTasks", console.tasks(user, Set.of(ProjectLifecycleProcess.Elements.USER_BUILD_CONSORTIUM)));
        return "project/carrier";
    }

    @GetMapping("/reviews")
    String reviews(Authentication user, Model model) {
        if (!CurrentUser.hasGroup(user, Roles.REVIEWER)) {
            throw DomainException.notFound("No page /reviews for you");
        }
        List<Map<String, Object>> files = new ArrayList<>();
        for (UserTasks.TaskView task : console.tasks(user, Set.of(LabellingProcess.Elements.USER_REVIEW_FILE))) {
            ProjectResponse project = console.projectIfVisible(task.projectId(), user).orElse(null);
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("task", task);
            file.put("project", project);
            files.add(file);
        }
        model.addAttribute("files", files);
        return "project/reviews";
    }

    // ---------------------------------------------------------------- projects

    @GetMapping("/projects")
    String projects(@RequestParam(name = "status", required = false) String stage,
                    @RequestParam(name = "page", defaultValue = "1") String pageParam, Authentication user, Model model) {
        ProjectStatus status = java.util.Arrays.stream(ProjectStatus.values())
                .filter(s -> s.name().equals(stage)).findFirst().orElse(null);
        // one page read from the database, whoever asks (ProjectController.page)
        ConsolePaging.Page<ProjectController.ProjectList> read = ConsolePaging.page(pageParam, PAGE_SIZE,
                page -> console.page(user, status, (long) (page - 1) * PAGE_SIZE, PAGE_SIZE), ProjectController.ProjectList::total);
        ProjectController.ProjectList found = read.found();
        model.addAttribute("status", status);
        model.addAttribute("total", found.total());
        model.addAttribute("page", read.page());
        model.addAttribute("pages", read.pages());
        model.addAttribute("projects", found.projects());
        model.addAttribute("statuses", ProjectStatus.values());
        return "project/list";
    }

    /** Projects per page of the list, newest first. */
    static final int PAGE_SIZE = 50;

    @GetMapping("/projects/new")
    String newIdea(Authentication user, Model model) {
        return renderIdea(user, model, Map.of(), Map.of());
    }

    @PostMapping("/projects/new")
    String submitIdea(@RequestParam MultiValueMap<String, String> form, Authentication user, Model model, Locale locale,
                      HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> typed = form.toSingleValueMap();
        BigDecimal budget;
        try {
            budget = ProjectConsole.money(typed.get("plannedBudget"), locale);
        } catch (IllegalArgumentException e) {
            response.setStatus(400);
            return renderIdea(user, model, typed, Map.of("plannedBudget",
                    FieldErrors.problem(400, e.getMessage(), "plannedBudget")));
        }
        ConfidentialityLevel confidentiality = null;
        try {
            confidentiality = typed.get("confidentiality") == null || typed.get("confidentiality").isBlank() ? null
                    : ConfidentialityLevel.valueOf(typed.get("confidentiality"));
        } catch (IllegalArgumentException e) {
            // left null: the request's own rule refuses it by the field
        }
        ProjectController.SubmitIdeaRequest request = new ProjectController.SubmitIdeaRequest(typed.get("title"),
                typed.get("summary"), typed.get("thematicAxis"), confidentiality, typed.get("carrierOrganisationId"), budget);
        Map<String, FieldErrors.Problem> problems = console.violations(request, "");
        if (!problems.isEmpty()) {
            response.setStatus(400);
            return renderIdea(user, model, typed, problems);
        }
        String id;
        try {
            id = console.api().submitIdea(request, user).getBody().get("id");
        } catch (RuntimeException failure) {
            DomainException refusal = refusal(failure);
            int status = ProjectConsole.status(refusal);
            response.setStatus(status);
            return renderIdea(user, model, typed, FieldErrors.byField(FieldErrors.problem(status, refusal.getMessage(),
                    fieldIn(refusal.getMessage(), List.of("title", "summary", "thematicAxis", "confidentiality",
                            "carrierOrganisationId", "plannedBudget")))));
        }
        redirect.addFlashAttribute("done", request.title());
        return "redirect:/projects/" + id;
    }

    private String renderIdea(Authentication user, Model model, Map<String, String> typed,
                              Map<String, FieldErrors.Problem> problems) {
        List<OrganisationView> organisations;
        if (CurrentUser.hasGroup(user, Roles.POLE_STAFF)) {
            organisations = console.allOrganisations();
        } else {
            organisations = console.organisationsOf(user).stream().map(console::organisation)
                    .flatMap(java.util.Optional::stream).toList();
        }
        model.addAttribute("organisations", organisations);
        model.addAttribute("levels", ConfidentialityLevel.values());
        model.addAttribute("form", typed);
        model.addAttribute("problems", problems);
        return "project/new";
    }

    @GetMapping("/projects/{id}")
    String project(@PathVariable String id, Authentication user, Model model) {
        return render(id, user, model, Map.of(), Map.of());
    }

    @PostMapping("/projects/{id}/invite")
    String invite(@PathVariable String id, @RequestParam(required = false) String organisationId, Authentication user,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        ProjectController.InvitePartnerRequest request = new ProjectController.InvitePartnerRequest(organisationId);
        return act(id, user, model, response, redirect, Map.of("organisationId", String.valueOf(organisationId)),
                console.violations(request, "invite-"), "invite-",
                () -> console.api().invite(id, request, user), "invited");
    }

    @PostMapping("/projects/{id}/partners/{organisationId}/join")
    String join(@PathVariable String id, @PathVariable String organisationId, @RequestParam(required = false) String role,
                @RequestParam(required = false) String plannedBudget, Authentication user, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        String prefix = "join-" + organisationId + "-";
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put(prefix + "role", role);
        typed.put(prefix + "plannedBudget", plannedBudget);
        BigDecimal budget;
        try {
            budget = ProjectConsole.money(plannedBudget, locale);
        } catch (IllegalArgumentException e) {
            response.setStatus(400);
            return render(id, user, model, typed, Map.of(prefix + "plannedBudget",
                    FieldErrors.problem(400, e.getMessage(), prefix + "plannedBudget")));
        }
        ProjectController.JoinRequest request = new ProjectController.JoinRequest(role, budget);
        return act(id, user, model, response, redirect, typed, console.violations(request, prefix), prefix,
                () -> console.api().join(id, organisationId, request, user), "joined");
    }

    @PostMapping("/projects/{id}/partners/{organisationId}/decline")
    String decline(@PathVariable String id, @PathVariable String organisationId,
                   @RequestParam(required = false) String reason, Authentication user, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        String prefix = "decline-" + organisationId + "-";
        ProjectController.ReasonRequest request = new ProjectController.ReasonRequest(reason);
        return act(id, user, model, response, redirect, Map.of(prefix + "reason", String.valueOf(reason)),
                console.violations(request, prefix), prefix,
                () -> console.api().decline(id, organisationId, request, user), "declined");
    }

    @PostMapping("/projects/{id}/partners/{organisationId}/nda")
    String signNda(@PathVariable String id, @PathVariable String organisationId, Authentication user, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, user, model, response, redirect, Map.of(), Map.of(), "nda-" + organisationId + "-",
                () -> console.api().signNda(id, organisationId, user), "nda");
    }

    @PostMapping("/projects/{id}/abandon")
    String abandon(@PathVariable String id, @RequestParam(required = false) String reason, Authentication user,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        ProjectController.ReasonRequest request = new ProjectController.ReasonRequest(reason);
        return act(id, user, model, response, redirect, Map.of("abandon-reason", String.valueOf(reason)),
                console.violations(request, "abandon-"), "abandon-",
                () -> console.api().abandon(id, request, user), "abandoned");
    }

    /**
     * Runs an action of the project page through the API's controller method: the request's violations or the domain's
     * refusal re-render the page with the problem by its field (and nothing stored); success redirects to the page.
     */
    String act(String id, Authentication user, Model model, HttpServletResponse response,
                       RedirectAttributes redirect, Map<String, String> typed, Map<String, FieldErrors.Problem> violations,
                       String prefix, Supplier<?> action, String done) {
        if (!violations.isEmpty()) {
            console.project(id, user); // a hidden project answers 404 before anything is said about the input
            response.setStatus(400);
            return render(id, user, model, typed, violations);
        }
        try {
            action.get();
        } catch (RuntimeException failure) {
            DomainException refusal = refusal(failure);
            int status = ProjectConsole.status(refusal);
            response.setStatus(status);
            String message = refusal.getMessage();
            String field = fieldIn(message, List.of("role", "plannedBudget", "reason", "organisationId"));
            String key = field == null || field.equals("organisationId") && !prefix.startsWith("invite")
                    ? "" : prefix + field;
            return render(id, user, model, typed, FieldErrors.byField(FieldErrors.problem(status, message, key)));
        }
        redirect.addFlashAttribute("done", messages.getMessage("project.done." + done, null, done,
                org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        return "redirect:/projects/" + id;
    }

    private String render(String id, Authentication user, Model model, Map<String, String> typed,
                          Map<String, FieldErrors.Problem> problems) {
        ProjectResponse project = console.project(id, user);
        List<String> organisations = console.organisationsOf(user);
        boolean staff = CurrentUser.hasGroup(user, Roles.POLE_STAFF);
        boolean carrier = organisations.contains(project.carrierOrganisationId());
        boolean building = project.status() == ProjectStatus.CONSORTIUM_BUILDING;
        List<ProjectView.PartnerView> own = console.ownRows(id, organisations).stream()
                .filter(row -> row.status() != PartnerStatus.LEAD).toList();
        model.addAttribute("p", project);
        model.addAttribute("carrierName", project.partners() != null
                ? project.partners().stream().filter(ProjectView.PartnerView::lead).map(ProjectView.PartnerView::name)
                .findFirst().orElse(project.carrierOrganisationId())
                : console.organisation(project.carrierOrganisationId()).map(OrganisationView::name)
                .orElse(project.carrierOrganisationId()));
        model.addAttribute("budget", ProjectConsole.consortiumBudget(project.partners()));
        model.addAttribute("own", own);
        model.addAttribute("joinable", own.stream().filter(row -> building && row.status() == PartnerStatus.INVITED).toList());
        model.addAttribute("ndaToSign", own.stream().filter(row -> !project.status().labellingIsOver()
                && row.ndaSignedAt() == null
                && (row.status() == PartnerStatus.INVITED || row.status() == PartnerStatus.JOINED)).toList());
        boolean manages = staff || carrier;
        model.addAttribute("canInvite", manages && building);
        model.addAttribute("canAbandon", manages && !project.status().labellingIsOver());
        if (manages && building) {
            Set<String> taken = new java.util.HashSet<>();
            if (project.partners() != null) {
                project.partners().stream().filter(row -> row.status() != PartnerStatus.DECLINED)
                        .forEach(row -> taken.add(row.organisationId()));
            }
            taken.add(project.carrierOrganisationId());
            model.addAttribute("invitable", console.allOrganisations().stream()
                    .filter(org -> !taken.contains(org.id())).toList());
        }
        model.addAttribute("insider", staff || CurrentUser.hasGroup(user, Roles.AUDITOR));
        model.addAttribute("form", typed);
        model.addAttribute("problems", problems);
        return "project/project";
    }

    static DomainException refusal(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                if (ProjectConsole.hidden(domain)) {
                    throw domain;
                }
                return domain;
            }
        }
        throw failure;
    }

    /** The first of the fields the message names (as the API's messages name them), else {@code null}. */
    static String fieldIn(String message, List<String> fields) {
        if (message == null) {
            return null;
        }
        for (String field : fields) {
            if (java.util.regex.Pattern.compile("\\b" + field + "\\b").matcher(message).find()) {
                return field;
            }
        }
        return null;
    }
}
