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
import org.springframework.web.util.UriComponentsBuilder;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.util.List;
import java.util.Map;

/**
 * Pole staff name or change an SME's referent (src/docs/sme-services.md): the SME members, 50 to a page, found by
 * name or among those without a referent, each with its referent and a choice among pole staff, through the same
 * controller method as {@code PUT /api/organisations/{id}/referent}. A national pole has a thousand SMEs and more: on
 * the generated national store the page listed all 1,004 at once (853 KB, 0.79 s).
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

    /** SMEs listed on a page. */
    static final int PAGE_SIZE = 50;
    private static final int QUERY_LENGTH = 100;

    /** What the list shows: a part of the SMEs' names, only those without a referent, which page (from 1). */
    record Selection(String q, boolean unassigned, int page) {

        static Selection of(String q, String unassigned, String page) {
            String name = q == null ? "" : q.strip();
            if (name.length() > QUERY_LENGTH) {
                throw DomainException.invalid("q: at most " + QUERY_LENGTH + " characters of an SME's name");
            }
            int number = 1;
            if (page != null && !page.isBlank()) {
                try {
                    number = Integer.parseInt(page.strip());
                } catch (NumberFormatException e) {
                    number = 0;
                }
                if (number < 1) {
                    throw DomainException.invalid("page: a page number from 1, not '"
                            + (page.length() > 20 ? page.substring(0, 20) + "…" : page) + "'");
                }
            }
            return new Selection(name, "true".equalsIgnoreCase(unassigned) || "on".equalsIgnoreCase(unassigned), number);
        }

        boolean matches(OrganisationView sme) {
            return (q.isEmpty() || sme.name().toLowerCase(java.util.Locale.ROOT).contains(q.toLowerCase(java.util.Locale.ROOT)))
                    && (!unassigned || sme.referentUserId() == null);
        }

        String link(int toPage) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath("/referents");
            if (!q.isEmpty()) {
                link.queryParam("q", q);
            }
            if (unassigned) {
                link.queryParam("unassigned", "true");
            }
            if (toPage > 1) {
                link.queryParam("page", toPage);
            }
            return link.encode().build().toUriString();
        }
    }

    @GetMapping("/referents")
    String page(@RequestParam(required = false) String q, @RequestParam(required = false) String unassigned,
                @RequestParam(required = false) String page, Authentication user, Model model) {
        requireStaff(user);
        return render(model, Map.of(), null, Selection.of(q, unassigned, page));
    }

    @PostMapping("/referents/{organisationId}")
    String assign(@PathVariable String organisationId, @RequestParam(required = false) String referentUserId,
                  @RequestParam(required = false) String q, @RequestParam(required = false) String unassigned,
                  @RequestParam(required = false) String page,
                  Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        requireStaff(user);
        Selection selection = Selection.of(q, unassigned, page);
        OrganisationController.AssignReferentRequest request = new OrganisationController.AssignReferentRequest(referentUserId);
        if (!validator.validate(request).isEmpty()) {
            response.setStatus(400);
            return render(model, FieldErrors.byField(FieldErrors.problem(400,
                    "referentUserId: choose a pole-staff user", "referent-" + organisationId)), organisationId, selection);
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
                    "referent-" + organisationId)), organisationId, selection);
        }
        redirect.addFlashAttribute("done", organisationId);
        return "redirect:" + selection.link(selection.page());
    }

    private String render(Model model, Map<String, FieldErrors.Problem> problems, String refused, Selection selection) {
        List<OrganisationView> all = organisations.search(null, OrganisationKind.SME, null);
        List<OrganisationView> matching = all.stream().filter(selection::matches).toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(selection.page(), pages);
        List<OrganisationView> shown = new java.util.ArrayList<>(
                matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE)));
        if (refused != null && shown.stream().noneMatch(o -> o.id().equals(refused))) {
            // the SME acted on shows with its problem, whatever changed in the list meanwhile
            all.stream().filter(o -> o.id().equals(refused)).findFirst().ifPresent(o -> shown.add(0, o));
        }
        model.addAttribute("smes", shown);
        model.addAttribute("selection", selection);
        model.addAttribute("smeCount", all.size());
        model.addAttribute("matching", matching.size());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("previous", page > 1 ? selection.link(page - 1) : null);
        model.addAttribute("next", page < pages ? selection.link(page + 1) : null);
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
