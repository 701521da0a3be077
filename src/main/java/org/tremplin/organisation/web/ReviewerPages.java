package org.tremplin.organisation.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reviewer's form to declare its background (src/docs/review-panels.md): the same controller methods as
 * {@code GET/PUT /api/reviewers/me/background}; a refusal re-renders the form with the problem by its field.
 */
@ConsolePage
class ReviewerPages {

    private final ReviewerController reviewers;
    private final Validator validator;

    ReviewerPages(ReviewerController reviewers, Validator validator) {
        this.reviewers = reviewers;
        this.validator = validator;
    }

    @GetMapping("/reviews/background")
    String form(Authentication user, Model model) {
        requireReviewer(user);
        ReviewerController.ReviewerResponse mine = reviewers.mine(user);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("background", mine.background() == null ? "" : mine.background().name());
        typed.put("organisationName", mine.organisationName() == null ? "" : mine.organisationName());
        typed.put("note", mine.note() == null ? "" : mine.note());
        return render(model, mine, typed, Map.of());
    }

    @PostMapping("/reviews/background")
    String declare(@RequestParam(required = false) String background,
                   @RequestParam(required = false) String organisationName,
                   @RequestParam(required = false) String note, Authentication user, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        requireReviewer(user);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("background", background);
        typed.put("organisationName", organisationName);
        typed.put("note", note);
        ReviewerBackground chosen = null;
        try {
            chosen = background == null || background.isBlank() ? null : ReviewerBackground.valueOf(background);
        } catch (IllegalArgumentException e) {
            // left null: the request's own rule refuses it by the field
        }
        ReviewerController.BackgroundRequest request = new ReviewerController.BackgroundRequest(chosen, organisationName,
                note == null || note.isBlank() ? null : note);
        Map<String, FieldErrors.Problem> problems = new LinkedHashMap<>();
        for (ConstraintViolation<ReviewerController.BackgroundRequest> violation : validator.validate(request)) {
            String property = violation.getPropertyPath().toString();
            problems.putIfAbsent(property, FieldErrors.problem(400, property + ": " + violation.getMessage(), property));
        }
        if (!problems.isEmpty()) {
            response.setStatus(400);
            return render(model, reviewers.mine(user), typed, problems);
        }
        try {
            reviewers.declareMine(user, request);
        } catch (DomainException refusal) {
            int status = switch (refusal.kind()) {
                case INVALID_INPUT -> 400;
                case CONFLICT -> 409;
                default -> throw refusal;
            };
            response.setStatus(status);
            return render(model, reviewers.mine(user), typed,
                    FieldErrors.byField(FieldErrors.problem(status, refusal.getMessage(), "")));
        }
        redirect.addFlashAttribute("done", true);
        return "redirect:/reviews/background";
    }

    private String render(Model model, ReviewerController.ReviewerResponse mine, Map<String, String> typed,
                          Map<String, FieldErrors.Problem> problems) {
        model.addAttribute("mine", mine);
        model.addAttribute("backgrounds", ReviewerBackground.values());
        model.addAttribute("form", typed);
        model.addAttribute("problems", problems);
        return "organisation/background";
    }

    private static void requireReviewer(Authentication user) {
        if (!CurrentUser.hasGroup(user, Roles.REVIEWER)) {
            throw DomainException.notFound("No such page");
        }
    }
}
