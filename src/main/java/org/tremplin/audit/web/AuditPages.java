package org.tremplin.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.audit.query.AccessLogPage;
import org.tremplin.audit.query.HistoryPage;
import org.tremplin.audit.query.HistoryParams;
import org.tremplin.audit.query.HistoryReader;
import org.tremplin.audit.query.ProjectHistoryService;
import org.tremplin.audit.query.TimelineEntry;
import org.tremplin.audit.replay.ReplayReport;
import org.tremplin.audit.seal.SealCheckpoint;
import org.tremplin.audit.seal.SealVerification;
import org.tremplin.funding.api.FindFundersQuery;
import org.tremplin.funding.api.FunderView;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.platform.web.console.ConsolePaging;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.FindProjectsPageQuery;
import org.tremplin.project.api.ProjectsPage;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The auditors' console (pole staff may use it too, as the API allows): a project's timeline with filters and an
 * "as of" date, its exports as downloads, seal verification and checkpoints, the access log, the 360Giving export and
 * the read-model replay with its progress. Every read and action calls the audit API's own controller methods with the
 * caller's authentication, so a page shows and does exactly what the API would; anyone else gets 404.
 */
@ConsolePage
class AuditPages {

    /** Checkpoints listed on the seals page, the latest first (GET /api/audit/checkpoints gives them all). */
    static final int CHECKPOINTS_SHOWN = 50;
    /** How long the audit home waits for a seal verification already running on this node before showing it as running. */
    static final Duration HOME_VERIFY_WAIT = Duration.ofSeconds(2);

    private final ProjectHistoryController history;
    private final SealController seals;
    private final ReplayController replay;
    private final GrantsExportController grants;
    private final ProjectHistoryService timelines;
    private final QueryGateway queries;
    private final SealedEvents sealed;
    private final org.springframework.context.MessageSource messages;

    AuditPages(ProjectHistoryController history, SealController seals, ReplayController replay,
               GrantsExportController grants, ProjectHistoryService timelines, QueryGateway queries, SealedEvents sealed,
               org.springframework.context.MessageSource messages) {
        this.history = history;
        this.seals = seals;
        this.replay = replay;
        this.grants = grants;
        this.timelines = timelines;
        this.queries = queries;
        this.sealed = sealed;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- home

    @GetMapping("/audit")
    String home(@RequestParam(name = "page", defaultValue = "1") String page, Authentication user, Model model) {
        auditor(user, "the audit tools");
        projects(page, model);
        // the home does not wait long for a verification already running (minutes for a first one at 10⁷ events)
        model.addAttribute("verification", seals.verifyIfFree(HOME_VERIFY_WAIT).orElse(null));
        return "audit/home";
    }

    /** The project picker's answer (a GET form, so it works without scripts): that project's timeline. */
    @GetMapping("/audit/projects")
    String pick(@RequestParam(required = false) String projectId, Authentication user) {
        auditor(user, "a project's history");
        if (projectId == null || projectId.isBlank()) {
            return "redirect:/audit";
        }
        return "redirect:" + org.springframework.web.util.UriComponentsBuilder.fromPath("/audit/projects/{id}")
                .buildAndExpand(projectId.strip()).encode().toUriString();
    }

    // ---------------------------------------------------------------- timeline

    @GetMapping("/audit/projects/{id}")
    String timeline(@PathVariable String id, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, @RequestParam(required = false) String asOf,
                    @RequestParam(name = "type", required = false) List<String> type,
                    @RequestParam(required = false) String funder, @RequestParam(required = false) String page,
                    Authentication user, HttpServletRequest request, HttpServletResponse response, Model model) {
        auditor(user, "a project's history");
        TimelineQuery query = new TimelineQuery(from, to, asOf, type, funder, page);
        model.addAttribute("projectId", id);
        model.addAttribute("query", query);
        model.addAttribute("form", query.form());
        model.addAttribute("problems", query.problems);
        HistoryPage found = null;
        if (query.valid()) {
            try {
                found = history.timeline(id, query.apiFrom(), query.apiTo(), query.types, null, query.funder, query.page,
                        null, user, new ApiParameters(request, query.types));
            } catch (DomainException refused) {
                if (refused.kind() != DomainException.Kind.INVALID_INPUT) {
                    throw refused;
                }
                query.problems.put("", FieldErrors.problem(400, refused.getMessage(), null));
            }
        }
        // the whole timeline's types and funders (404 if there is no event), for the selects and the "as of" summary
        ProjectHistoryService.Overview all = timelines.overview(id, query.asOfEnd());
        if (found == null) {
            response.setStatus(400);
        }
        model.addAttribute("project", queries.query(new FindProjectQuery(id), ResponseTypes.optionalInstanceOf(ProjectView.class))
                .join().orElse(null));
        model.addAttribute("typeOptions", all.types());
        Map<String, String> funderNames = funderNames();
        Map<String, String> funderOptions = new LinkedHashMap<>();
        all.funders().forEach(f -> funderOptions.put(f, funderNames.getOrDefault(f, f)));
        if (query.funder != null) {
            funderOptions.putIfAbsent(query.funder, funderNames.getOrDefault(query.funder, query.funder));
        }
        model.addAttribute("funderOptions", funderOptions);
        model.addAttribute("funderNames", funderNames);
        if (query.asOfEnd() != null) {
            model.addAttribute("asOfCount", all.asOfCount());
            model.addAttribute("asOfLast", all.asOfLast());
        }
        if (found != null) {
            model.addAttribute("entries", found.entries());
            model.addAttribute("total", found.total());
            model.addAttribute("page", found.page());
            int pages = (int) Math.max(1, (found.total() + found.size() - 1) / found.size());
            model.addAttribute("pages", pages);
            model.addAttribute("previous", found.page() > 0 ? query.link("/audit/projects/" + id, found.page() - 1) : null);
            model.addAttribute("next", found.page() + 1 < pages ? query.link("/audit/projects/" + id, found.page() + 1) : null);
            model.addAttribute("sealed", sealed.sealedAmong(found.entries().stream().map(TimelineEntry::eventId).toList()));
        } else {
            model.addAttribute("entries", List.of());
            model.addAttribute("total", 0L);
            model.addAttribute("sealed", Set.of());
        }
        model.addAttribute("csv", query.link("/audit/projects/" + id + "/export", null, "format", "csv"));
        model.addAttribute("cloudevents", query.link("/audit/projects/" + id + "/export", null, "format", "cloudevents"));
        return "audit/timeline";
    }

    /** The timeline (all its pages, same filters) as CloudEvents or CSV, downloaded as a file. */
    @GetMapping("/audit/projects/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable String id, @RequestParam(required = false) String format,
                                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String asOf,
                                  @RequestParam(name = "type", required = false) List<String> type,
                                  @RequestParam(required = false) String funder, Authentication user,
                                  HttpServletRequest request) {
        auditor(user, "a project's history");
        TimelineQuery query = new TimelineQuery(from, to, asOf, type, funder, null);
        if (!query.valid()) {
            throw DomainException.invalid(query.problems.values().iterator().next().detail());
        }
        return history.export(id, format, query.apiFrom(), query.apiTo(), query.types, null, query.funder, user,
                new ApiParameters(request, query.types));
    }

    // ---------------------------------------------------------------- seals

    @GetMapping("/audit/seals")
    String seals(Authentication user, Model model) {
        auditor(user, "the seals");
        return sealsPage(null, null, model);
    }

    /** Incremental by default (what is new since the last verification); mode=full recomputes all and waits. */
    @PostMapping("/audit/seals/verify")
    String verify(@RequestParam(required = false) String mode, Authentication user, Model model,
                  HttpServletResponse response) {
        auditor(user, "the seals");
        try {
            return sealsPage(seals.verify(null, mode, user), null, model);
        } catch (DomainException refused) {
            if (refused.kind() != DomainException.Kind.CONFLICT) {
                throw refused;
            }
            // another verification still running: the result's place says so, with what to do
            FieldErrors.Problem problem = problemOf(refused);
            response.setStatus(problem.status());
            model.addAttribute("verifyProblem", problem);
            return sealsPage(null, null, model);
        }
    }

    @PostMapping("/audit/seals/full")
    String fullVerification(Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        auditor(user, "the seals");
        try {
            seals.startFull(null, user);
            redirect.addFlashAttribute("done", text("audit.done.full"));
            return "redirect:/audit/seals";
        } catch (DomainException refused) {
            if (refused.kind() != DomainException.Kind.CONFLICT) {
                throw refused;
            }
            FieldErrors.Problem problem = problemOf(refused);
            response.setStatus(problem.status());
            return sealsPage(null, problem, model);
        }
    }

    @PostMapping("/audit/seals/checkpoints")
    String checkpoint(Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        auditor(user, "the seals");
        try {
            ResponseEntity<SealCheckpoint> created = seals.checkpoint();
            redirect.addFlashAttribute("done", text("audit.done.checkpoint", String.valueOf(created.getBody().globalIndex())));
            return "redirect:/audit/seals";
        } catch (DomainException refused) {
            if (refused.kind() == DomainException.Kind.NOT_FOUND || refused.kind() == DomainException.Kind.FORBIDDEN) {
                throw refused;
            }
            FieldErrors.Problem problem = problemOf(refused);
            response.setStatus(problem.status());
            return sealsPage(null, problem, model);
        }
    }

    private String sealsPage(SealVerification verification, FieldErrors.Problem problem, Model model) {
        // the latest only: the store holds one checkpoint per 100 events (10,215 rows, 2.5 MB of page at 10⁶ events)
        List<SealCheckpoint> checkpoints = seals.latest(CHECKPOINTS_SHOWN);
        model.addAttribute("verification", verification);
        model.addAttribute("checkpoints", checkpoints);
        model.addAttribute("checkpointCount", checkpoints.size() < CHECKPOINTS_SHOWN ? checkpoints.size() : seals.count());
        model.addAttribute("problem", problem);
        model.addAttribute("full", seals.fullStatus());
        return "audit/seals";
    }

    // ---------------------------------------------------------------- access log

    @GetMapping("/audit/access-log")
    String accessLog(@RequestParam(required = false) String userId, @RequestParam(required = false) String page,
                     Authentication user, HttpServletResponse response, Model model) {
        auditor(user, "the audit access log");
        String wanted = userId == null || userId.isBlank() ? null : userId.strip();
        model.addAttribute("userId", wanted == null ? "" : wanted);
        try {
            AccessLogPage log = history.accessLog(wanted, page, null, user);
            model.addAttribute("log", log);
            int pages = (int) Math.max(1, (log.total() + log.size() - 1) / log.size());
            model.addAttribute("pages", pages);
            model.addAttribute("previous", log.page() > 0 ? accessLogLink(wanted, log.page() - 1) : null);
            model.addAttribute("next", log.page() + 1 < pages ? accessLogLink(wanted, log.page() + 1) : null);
        } catch (DomainException refused) {
            if (refused.kind() != DomainException.Kind.INVALID_INPUT) {
                throw refused;
            }
            response.setStatus(400);
            model.addAttribute("problems", FieldErrors.byField(FieldErrors.problem(400, refused.getMessage(),
                    refused.getMessage().contains("'page'") ? null : "userId")));
        }
        return "audit/access-log";
    }

    private static String accessLogLink(String userId, int page) {
        org.springframework.web.util.UriComponentsBuilder uri = org.springframework.web.util.UriComponentsBuilder
                .fromPath("/audit/access-log");
        if (userId != null) {
            uri.queryParam("userId", userId);
        }
        if (page > 0) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }

    // ---------------------------------------------------------------- exports

    @GetMapping("/audit/exports")
    String exports(@RequestParam(name = "page", defaultValue = "1") String page, Authentication user, Model model) {
        auditor(user, "the exports");
        projects(page, model);
        model.addAttribute("selected", Map.of("projectId", "", "from", "", "to", ""));
        return "audit/exports";
    }

    /**
     * The grants as a 360Giving data package, downloaded as a JSON file; when no grant matches (the API's 404), the
     * exports page again with the API's message.
     */
    @GetMapping("/audit/exports/360giving")
    String grants(@RequestParam(required = false) String projectId, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, Authentication user, HttpServletResponse response,
                  Model model) throws java.io.IOException {
        auditor(user, "the grants");
        try {
            return grants.inSlot(() -> grantsInSlot(projectId, from, to, user, response, model));
        } catch (DomainException refused) {
            if (refused.kind() != DomainException.Kind.CONFLICT) {
                throw refused;
            }
            // the node's export slot stayed taken: the exports page again, with what to do
            return exportsRefused(refused, problemOf(refused).status(), projectId, from, to, response, model);
        }
    }

    private String grantsInSlot(String projectId, String from, String to, Authentication user, HttpServletResponse response,
                                Model model) throws java.io.IOException {
        org.tremplin.audit.query.GrantsExport.Package body;
        try {
            body = grants.prepare(blank(projectId), blank(from), blank(to), user);
        } catch (DomainException refused) {
            if (refused.kind() == DomainException.Kind.FORBIDDEN) {
                throw refused;
            }
            int status = refused.kind() == DomainException.Kind.NOT_FOUND ? 404 : problemOf(refused).status();
            return exportsRefused(refused, status, projectId, from, to, response, model);
        }
        String name = "360giving-grants" + (blank(projectId) == null ? "" : "-" + projectId.strip()) + ".json";
        response.setContentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8).toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
        grants.write(body, response.getOutputStream(), true);
        return null;
    }

    private String exportsRefused(DomainException refused, int status, String projectId, String from, String to,
                                  HttpServletResponse response, Model model) {
        response.setStatus(status);
        projects("1", model);
        model.addAttribute("problem", FieldErrors.problem(status, refused.getMessage(), null));
        model.addAttribute("selected", Map.of("projectId", projectId == null ? "" : projectId,
                "from", from == null ? "" : from, "to", to == null ? "" : to));
        return "audit/exports";
    }

    // ---------------------------------------------------------------- replay

    @GetMapping("/audit/replay")
    String replayPage(@RequestParam(required = false) String id, Authentication user, Model model) {
        auditor(user, "the read-model replay");
        if (id != null && !id.isBlank()) {
            model.addAttribute("report", replay.progress(id.strip()));
        }
        return "audit/replay";
    }

    @PostMapping("/audit/replay")
    String startReplay(Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        auditor(user, "the read-model replay");
        try {
            ReplayReport started = replay.start(user).getBody();
            redirect.addFlashAttribute("done", text("audit.done.replay", started.id()));
            return "redirect:/audit/replay?id=" + started.id();
        } catch (DomainException refused) {
            if (refused.kind() == DomainException.Kind.NOT_FOUND || refused.kind() == DomainException.Kind.FORBIDDEN) {
                throw refused;
            }
            FieldErrors.Problem problem = problemOf(refused);
            response.setStatus(problem.status());
            model.addAttribute("problem", problem);
            return "audit/replay";
        }
    }

    /** The replay's progress as a fragment, polled every second while it runs (the fragment stops polling when done). */
    @GetMapping("/audit/replay/{id}/progress")
    String replayProgress(@PathVariable String id, Authentication user, Model model) {
        auditor(user, "the read-model replay");
        model.addAttribute("report", replay.progress(id));
        return "audit/replay :: progress";
    }

    // ---------------------------------------------------------------- helpers

    /** The audit API's own check of the caller (pole staff and auditors); anyone else: 404 as a missing page. */
    private static void auditor(Authentication user, String what) {
        HistoryReader.auditor(user.getName(), CurrentUser.groups(user), what);
    }

    /** Projects per page of the audit home's and the exports' lists, newest first. */
    static final int PAGE_SIZE = 50;

    /**
     * One page of the projects, newest first (pole staff and auditors read every project's file: the project API's
     * rule), read by the database alone whatever the number of projects; a page past the last shows the last.
     */
    private void projects(String pageParam, Model model) {
        ConsolePaging.Page<ProjectsPage> read = ConsolePaging.page(pageParam, PAGE_SIZE, this::projectsPage, ProjectsPage::total);
        model.addAttribute("projects", read.found().projects());
        model.addAttribute("page", read.page());
        model.addAttribute("pages", read.pages());
        model.addAttribute("total", read.found().total());
    }

    private ProjectsPage projectsPage(int page) {
        return queries.query(new FindProjectsPageQuery(null, (long) (page - 1) * PAGE_SIZE, PAGE_SIZE), ProjectsPage.class).join();
    }

    private Map<String, String> funderNames() {
        return queries.query(new FindFundersQuery(null), ResponseTypes.multipleInstancesOf(FunderView.class)).join()
                .stream().collect(Collectors.toMap(FunderView::id, FunderView::name, (a, b) -> a, LinkedHashMap::new));
    }

    private static FieldErrors.Problem problemOf(DomainException refused) {
        int status;
        switch (refused.kind()) {
            case INVALID_INPUT -> status = 400;
            case CONFLICT -> status = 409;
            default -> status = 422;
        }
        return FieldErrors.problem(status, refused.getMessage(), null);
    }

    /** A short text of the bundle in the reader's language (the flash shown after an action). */
    private String text(String key, Object... args) {
        return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
