package org.tremplin.project.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.shared.DomainException;

/**
 * The project page's "ask for a pre-label" button: through the API's controller method (same rules); a refusal comes
 * back on the page by the pre-label panel, nothing stored.
 */
@Controller
class PreLabelPages {

    private final PreLabelController api;
    private final MessageSource messages;

    PreLabelPages(PreLabelController api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    @PostMapping("/projects/{id}/pre-label")
    String ask(@PathVariable String id, @RequestParam(required = false) String note, Authentication user,
               RedirectAttributes redirect) {
        try {
            api.request(id, new PreLabelController.PreLabelRequest(note == null || note.isBlank() ? null : note.strip()),
                    user);
            redirect.addFlashAttribute("done", messages.getMessage("prelabel.done", null, "Pre-label asked",
                    LocaleContextHolder.getLocale()));
        } catch (RuntimeException failure) {
            DomainException refusal = ProjectPages.refusal(failure);
            redirect.addFlashAttribute("preLabelProblem", refusal.getMessage());
        }
        return "redirect:/projects/" + id + "#pre-label";
    }
}
