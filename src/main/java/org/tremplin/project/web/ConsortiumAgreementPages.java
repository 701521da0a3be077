package org.tremplin.project.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.shared.DomainException;

import java.util.List;

/**
 * The consortium agreement on the project's page (issue 13): its status and version, the terms per member with who
 * signed, and a sign button for each member organisation of mine that has not signed the current version. Reads and
 * the signature go through {@link ConsortiumAgreementController} with the caller's authentication.
 */
@ConsolePage
class ConsortiumAgreementPages {

    private final ConsortiumAgreementController api;
    private final ProjectConsole console;
    private final MessageSource messages;

    ConsortiumAgreementPages(ConsortiumAgreementController api, ProjectConsole console, MessageSource messages) {
        this.api = api;
        this.console = console;
        this.messages = messages;
    }

    /** The panel the project page loads (htmx). */
    @GetMapping("/projects/{id}/consortium-agreement/panel")
    String panel(@PathVariable String id, Authentication user, Model model) {
        fill(id, user, model);
        return "project/agreement :: panel";
    }

    /** The same as a page of its own (where a refused signature is shown). */
    @GetMapping("/projects/{id}/consortium-agreement")
    String page(@PathVariable String id, Authentication user, Model model) {
        fill(id, user, model);
        return "project/agreement";
    }

    @PostMapping("/projects/{id}/consortium-agreement/sign")
    String sign(@PathVariable String id, @RequestParam(required = false) String organisationId,
                @RequestParam(required = false) Integer agreementVersion, Authentication user, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        try {
            if (organisationId == null || organisationId.isBlank() || agreementVersion == null) {
                console.project(id, user); // a hidden project answers 404 first
                throw DomainException.invalid("organisationId and agreementVersion are required");
            }
            api.sign(id, new ConsortiumAgreementController.SignRequest(organisationId, agreementVersion), user);
        } catch (RuntimeException failure) {
            DomainException refusal = ProjectPages.refusal(failure);
            response.setStatus(ProjectConsole.status(refusal));
            model.addAttribute("problem", refusal.getMessage());
            fill(id, user, model);
            return "project/agreement";
        }
        redirect.addFlashAttribute("done", messages.getMessage("project.agreement.done", null, "signed",
                LocaleContextHolder.getLocale()));
        return "redirect:/projects/" + id;
    }

    private void fill(String id, Authentication user, Model model) {
        ConsortiumAgreementController.AgreementResponse agreement = api.agreement(id, user);
        List<String> mine = console.organisationsOf(user);
        model.addAttribute("projectId", id);
        model.addAttribute("agreement", agreement);
        model.addAttribute("toSign", agreement.partners() == null || agreement.version() == null ? List.of()
                : agreement.partners().stream()
                .filter(p -> !p.signed() && mine.contains(p.organisationId())).toList());
    }
}
