package org.tremplin.project.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The IP pre-diagnosis in the console (src/docs/sme-services.md): one page per project where the SME's users ask for
 * it and share a summary, the IP adviser records the findings, and each reads what the API lets it read; and the IP
 * adviser's list of pending requests. Every action calls the API's controller methods with the caller's identity.
 */
@ConsolePage
class IpPreDiagnosisPages {

    private final IpPreDiagnosisController api;
    private final IpAdviserController adviser;
    private final ProjectConsole console;

    IpPreDiagnosisPages(IpPreDiagnosisController api, IpAdviserController adviser, ProjectConsole console) {
        this.api = api;
        this.adviser = adviser;
        this.console = console;
    }

    @GetMapping("/ip-adviser")
    String pending(Authentication user, Model model) {
        if (!CurrentUser.hasGroup(user, Roles.IP_ADVISER) && !CurrentUser.hasGroup(user, Roles.AUDITOR)) {
            throw DomainException.notFound("No such page");
        }
        model.addAttribute("pending", adviser.pending());
        return "project/ip-adviser";
    }

    @GetMapping("/projects/{id}/ip-pre-diagnoses")
    String page(@PathVariable String id, Authentication user, Model model) {
        return render(id, user, model, Map.of(), Map.of());
    }

    @PostMapping("/projects/{id}/ip-pre-diagnoses/ask")
    String ask(@PathVariable String id, @RequestParam(required = false) String organisationId, Authentication user,
               Model model, HttpServletResponse response, RedirectAttributes redirect) {
        IpPreDiagnosisController.RequestBodyIn body = new IpPreDiagnosisController.RequestBodyIn(organisationId);
        return act(id, user, model, response, redirect, Map.of("organisationId", String.valueOf(organisationId)),
                console.violations(body, "ask-"), () -> api.request(id, body, user), "asked");
    }

    @PostMapping("/projects/{id}/ip-pre-diagnoses/{organisationId}/findings")
    String findings(@PathVariable String id, @PathVariable String organisationId,
                    @RequestParam(required = false) String priorArtToCheck,
                    @RequestParam(required = false) String fileBeforeDisclosure,
                    @RequestParam(required = false) String keepSecret, Authentication user, Model model,
                    HttpServletResponse response, RedirectAttributes redirect) {
        if (!CurrentUser.hasGroup(user, Roles.IP_ADVISER)) {
            throw DomainException.notFound("No such page");
        }
        String prefix = "findings-" + organisationId + "-";
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put(prefix + "priorArtToCheck", priorArtToCheck);
        typed.put(prefix + "fileBeforeDisclosure", fileBeforeDisclosure);
        typed.put(prefix + "keepSecret", keepSecret);
        IpPreDiagnosisController.FindingsRequest body = new IpPreDiagnosisController.FindingsRequest(priorArtToCheck,
                fileBeforeDisclosure, keepSecret);
        return act(id, user, model, response, redirect, typed, console.violations(body, prefix),
                () -> api.findings(id, organisationId, body, user), "findings");
    }

    @PostMapping("/projects/{id}/ip-pre-diagnoses/{organisationId}/summary")
    String share(@PathVariable String id, @PathVariable String organisationId,
                 @RequestParam(required = false) String summary, Authentication user, Model model,
                 HttpServletResponse response, RedirectAttributes redirect) {
        String prefix = "summary-" + organisationId + "-";
        IpPreDiagnosisController.ShareRequest body = new IpPreDiagnosisController.ShareRequest(summary);
        return act(id, user, model, response, redirect, Map.of(prefix + "summary", String.valueOf(summary)),
                console.violations(body, prefix), () -> api.share(id, organisationId, body, user), "shared");
    }

    private String act(String id, Authentication user, Model model, HttpServletResponse response,
                       RedirectAttributes redirect, Map<String, String> typed, Map<String, FieldErrors.Problem> violations,
                       Supplier<?> action, String done) {
        if (!violations.isEmpty()) {
            api.list(id, user); // a hidden project answers 404 before anything is said about the input
            response.setStatus(400);
            return render(id, user, model, typed, violations);
        }
        try {
            action.get();
        } catch (DomainException refusal) {
            if (ProjectConsole.hidden(refusal) && refusal.kind() == DomainException.Kind.NOT_FOUND) {
                throw refusal;
            }
            int status = refusal.kind() == DomainException.Kind.FORBIDDEN ? 403 : ProjectConsole.status(refusal);
            response.setStatus(status);
            return render(id, user, model, typed, FieldErrors.byField(FieldErrors.problem(status, refusal.getMessage(), "")));
        }
        redirect.addFlashAttribute("done", done);
        return "redirect:/projects/" + id + "/ip-pre-diagnoses";
    }

    private String render(String id, Authentication user, Model model, Map<String, String> typed,
                          Map<String, FieldErrors.Problem> problems) {
        List<IpPreDiagnosisController.IpPreDiagnosisResponse> diagnoses = api.list(id, user);
        ProjectResponse project = console.projectIfVisible(id, user).orElse(null);
        List<String> mine = console.organisationsOf(user);
        List<String> askable = new ArrayList<>();
        if (project != null) {
            List<String> inProject = new ArrayList<>();
            inProject.add(project.carrierOrganisationId());
            if (project.partners() != null) {
                project.partners().stream().map(ProjectView.PartnerView::organisationId).forEach(inProject::add);
            }
            inProject.stream().distinct().filter(mine::contains)
                    .filter(org -> diagnoses.stream().noneMatch(d -> d.organisationId().equals(org)))
                    .forEach(askable::add);
        }
        model.addAttribute("projectId", id);
        model.addAttribute("project", project);
        model.addAttribute("diagnoses", diagnoses);
        model.addAttribute("mine", mine);
        model.addAttribute("askable", askable);
        model.addAttribute("adviser", CurrentUser.hasGroup(user, Roles.IP_ADVISER));
        model.addAttribute("form", typed);
        model.addAttribute("problems", problems);
        return "project/ip-pre-diagnosis";
    }
}
