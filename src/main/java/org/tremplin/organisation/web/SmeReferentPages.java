package org.tremplin.organisation.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.util.Map;

/**
 * Pole staff name or change an SME's referent (src/docs/sme-services.md): every SME member with its referent and a
 * choice among pole staff, through the same controller method as {@code PUT /api/organisations/{id}/referent}.
 */
@ConsolePage
class SmeReferentPages {

    private final OrganisationController organisations;
    private final Identity identity;
    private final Validator validator;

    SmeReferentPages(OrganisationController organisations, Identity identity, Validator validator) {
        this.organisations = organisations;
        this.identity = identity;
        this.validator = validator;
    }

    @GetMapping("/referents")
    String page(Authentication user, Model model) {
        requireStaff(user);
        return render(model, Map.of(), null);
    }

    @PostMapping("/referents/{organisationId}")
    String assign(@PathVariable String organisationId, @RequestParam(required = false) String referentUserId,
                  Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        requireStaff(user);
        OrganisationController.AssignReferentRequest request = new OrganisationController.AssignReferentRequest(referentUserId);
        if (!validator.validate(request).isEmpty()) {
            response.setStatus(400);
            return render(model, FieldErrors.byField(FieldErrors.problem(400,
                    "referentUserId: choose a pole-staff user", "referent-" + organisationId)), organisationId);
        }
        try {
            organisations.assignReferent(organisationId, request);
        } catch (DomainException refusal) {
            int status = switch (refusal.kind()) {
                case INVALID_INPUT -> 400;
                case CONFLICT -> 409;
                case NOT_FOUND -> throw refusal;
                default -> 422;
            };
            response.setStatus(status);
            return render(model, FieldErrors.byField(FieldErrors.problem(status, refusal.getMessage(),
                    "referent-" + organisationId)), organisationId);
        }
        redirect.addFlashAttribute("done", organisationId);
        return "redirect:/referents";
    }

    private String render(Model model, Map<String, FieldErrors.Problem> problems, String refused) {
        model.addAttribute("smes", organisations.search(null, OrganisationKind.SME, null));
        model.addAttribute("staff", identity.usersOf(Roles.POLE_STAFF).stream().sorted().toList());
        model.addAttribute("problems", problems);
        model.addAttribute("refused", refused);
        return "organisation/referents";
    }

    private static void requireStaff(Authentication user) {
        if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF)) {
            throw DomainException.notFound("No such page");
        }
    }
}
