package org.tremplin.investment.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.investment.api.Instrument;
import org.tremplin.investment.api.RoundView;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.organisation.api.FindOrganisationsQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.platform.web.console.FieldRefusal;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A round's page for whoever may read it (exactly as {@link RoundController} cuts it, 404 otherwise): the terms; for an
 * invited investor the NDA, then the data room with the funding passport, the commitment form and its allocation; for
 * pole staff the invitations, documents, amended terms and the early close; for the company's members the documents,
 * the allocations and the sharing choices. Also the page that opens a round, and a project's rounds as a fragment.
 * Every action is the API's own controller method, with the caller's authentication.
 */
@ConsolePage
class RoundPages {

    private final RoundController rounds;
    private final InvestorController investors;
    private final QueryGateway queryGateway;
    private final Validator validator;
    private final MessageSource messages;

    RoundPages(RoundController rounds, InvestorController investors, QueryGateway queryGateway, Validator validator,
               MessageSource messages) {
        this.rounds = rounds;
        this.investors = investors;
        this.queryGateway = queryGateway;
        this.validator = validator;
        this.messages = messages;
    }

    /** What a submitted form does; throws {@link FieldRefusal} or the API's refusals. */
    private interface Action {
        void run();
    }

    // ---------------------------------------------------------------- the round

    @GetMapping("/rounds/{id}")
    String round(@PathVariable String id, Authentication user, Model model) {
        return render(id, new LinkedMultiValueMap<>(), Map.of(), user, model);
    }

    @PostMapping("/rounds/{id}/nda")
    String acceptNda(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication user,
                     Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, form, "nda", "investment.done.nda", user, locale, model, response, redirect,
                () -> rounds.acceptNda(id, null, user));
    }

    @PostMapping("/rounds/{id}/commitment")
    String commit(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication user,
                  Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, form, "amount", "investment.done.commitment", user, locale, model, response, redirect, () -> {
            BigDecimal amount = ConsoleInput.money(form, "amount", locale);
            RoundController.CommitmentRequest request = new RoundController.CommitmentRequest(null, amount);
            ConsoleInput.validate(validator, request, Map.of());
            rounds.commit(id, request, user);
        });
    }

    @PostMapping("/rounds/{id}/commitment/withdraw")
    String withdraw(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication user,
                    Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, form, "withdrawReason", "investment.done.withdrawn", user, locale, model, response, redirect, () -> {
            RoundController.WithdrawalRequest request = new RoundController.WithdrawalRequest(null,
                    ConsoleInput.text(form, "withdrawReason"));
            ConsoleInput.validate(validator, request, Map.of("reason", "withdrawReason"));
            rounds.withdraw(id, request, user);
        });
    }

    @PostMapping("/rounds/{id}/commitment/reconfirm")
    String reconfirm(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication user,
                     Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, form, "reconfirm", "investment.done.reconfirmed", user, locale, model, response, redirect,
                () -> rounds.reconfirm(id, null, user));
    }

    @PostMapping("/rounds/{id}/invitations")
    String invite(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication user,
                  Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, form, "investorId", "investment.done.invited", user, locale, model, response, redirect, () -> {
            RoundController.InvitationRequest request = new RoundController.InvitationRequest(ConsoleInput.text(form, "investorId"));
            ConsoleInput.validate(validator, request, Map.of());
            rounds.invite(id, request);
        });
    }

    @PostMapping("/rounds/{id}/documents")
    String addDocument(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication user,
                       Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, form, "documentTitle", "investment.done.document", user, locale, model, response, redirect, () -> {
            RoundController.DocumentRequest request = new RoundController.DocumentRequest(
                    ConsoleInput.text(form, "documentTitle"), ConsoleInput.text(form, "documentReference"));
            ConsoleInput.validate(validator, request, Map.of("title", "documentTitle", "reference", "documentReference"));
            rounds.addDocument(id, request, user);
        });
    }

    @PostMapping("/rounds/{id}/terms")
    String amend(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication user,
                 Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, form, "amendReason", "investment.done.amended", user, locale, model, response, redirect, () -> {
            String days = ConsoleInput.text(form, "reconfirmWithinDays");
            Integer within;
            try {
                within = days == null || days.isBlank() ? null : Integer.valueOf(days);
            } catch (NumberFormatException e) {
                throw new FieldRefusal("reconfirmWithinDays", ConsoleInput.french(locale)
                        ? "Un nombre de jours est attendu" : "A number of days is expected");
            }
            RoundController.AmendTermsRequest request = new RoundController.AmendTermsRequest(
                    ConsoleInput.terms(form, locale), ConsoleInput.text(form, "amendReason"), within);
            ConsoleInput.validate(validator, request, Map.of("reason", "amendReason"));
            rounds.amend(id, request, user);
        });
    }

    @PostMapping("/rounds/{id}/close")
    String close(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Authentication user,
                 Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(id, form, "closeReason", "investment.done.closed", user, locale, model, response, redirect, () -> {
            RoundController.CloseRequest request = new RoundController.CloseRequest(ConsoleInput.text(form, "closeReason"));
            ConsoleInput.validate(validator, request, Map.of("reason", "closeReason"));
            rounds.close(id, request, user);
        });
    }

    private String act(String id, MultiValueMap<String, String> form, String input, String done, Authentication user,
                       Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect, Action action) {
        try {
            action.run();
        } catch (FieldRefusal refusal) {
            response.setStatus(400);
            return render(id, form, FieldErrors.byField(ConsoleInput.problem(400, refusal.getMessage(), refusal.field())),
                    user, model);
        } catch (RuntimeException failure) {
            DomainException refusal = ConsoleInput.domain(failure);
            if (refusal == null || refusal.kind() == DomainException.Kind.NOT_FOUND
                    || refusal.kind() == DomainException.Kind.FORBIDDEN) {
                throw failure;
            }
            int status = ConsoleInput.status(refusal);
            response.setStatus(status);
            List<String> inputs = new ArrayList<>(ConsoleInput.TERMS_FIELDS);
            inputs.add(input);
            // a conflict is about the round's state (closed meanwhile, already signed), not an input: shown at the top,
            // as are the refusals of actions without an input (the NDA, the reconfirmation)
            String field = refusal.kind() == DomainException.Kind.CONFLICT || "nda".equals(input) || "reconfirm".equals(input)
                    ? "" : "amendReason".equals(input) ? ConsoleInput.named(refusal.getMessage(), inputs, input) : input;
            return render(id, form, FieldErrors.byField(ConsoleInput.problem(status, refusal.getMessage(), field)), user, model);
        }
        redirect.addFlashAttribute("done", messages.getMessage(done, null, locale));
        return "redirect:/rounds/" + id;
    }

    private String render(String id, MultiValueMap<String, String> form, Map<String, FieldErrors.Problem> problems,
                          Authentication user, Model model) {
        Map<String, Object> round = rounds.get(id, user);
        model.addAttribute("round", round);
        boolean investor = round.containsKey("invitation");
        String relation = investor ? "INVESTOR" : isStaff(user) ? "STAFF"
                : CurrentUser.hasGroup(user, Roles.AUDITOR) ? "AUDITOR" : "COMPANY";
        model.addAttribute("relation", relation);
        model.addAttribute("dataRoom", readable(() -> rounds.dataRoom(id, user)));
        if ("STAFF".equals(relation)) {
            @SuppressWarnings("unchecked")
            Set<String> invited = ((List<RoundView.Participant>) round.getOrDefault("investors", List.of())).stream()
                    .map(RoundView.Participant::investorId).collect(Collectors.toSet());
            model.addAttribute("invitable", investors.list(null, user).stream()
                    .filter(i -> !invited.contains(i.id())).toList());
        }
        Object company = round.get("companyOrganisationId");
        if (company != null && !investor) {
            model.addAttribute("companyName", queryGateway.query(new FindOrganisationQuery(String.valueOf(company)),
                    ResponseTypes.optionalInstanceOf(OrganisationView.class)).join().map(OrganisationView::name).orElse(null));
        }
        model.addAttribute("instruments", Instrument.values());
        model.addAttribute("form", form.toSingleValueMap());
        model.addAttribute("problems", problems);
        return "investment/round";
    }

    /** What the API lets the caller read, or null when it answers "not for you" (e.g. the data room before the NDA). */
    private static <T> T readable(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (DomainException refused) {
            if (refused.kind() == DomainException.Kind.FORBIDDEN) {
                return null;
            }
            throw refused;
        }
    }

    // ---------------------------------------------------------------- opening a round

    /** The companies the caller may open a round for, as options (id → name); the controller judges the submission. */
    @GetMapping("/rounds/new")
    String openForm(@RequestParam(required = false) String projectId, Authentication user, Model model) {
        return renderOpen(projectId, new LinkedMultiValueMap<>(), Map.of(), user, model);
    }

    @PostMapping("/rounds/new")
    String open(@RequestParam(required = false) String projectId, @RequestParam MultiValueMap<String, String> form,
                Authentication user, Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        String project = projectId == null || projectId.isBlank() ? null : projectId.strip();
        List<String> inputs = new ArrayList<>(List.of("title", "companyOrganisationId"));
        inputs.addAll(ConsoleInput.TERMS_FIELDS);
        String roundId;
        try {
            RoundController.OpenRoundRequest request = new RoundController.OpenRoundRequest(ConsoleInput.text(form, "title"),
                    ConsoleInput.text(form, "companyOrganisationId"), project, ConsoleInput.terms(form, locale),
                    ConsoleInput.checked(form, "sharePassport"), ConsoleInput.checked(form, "shareCommitments"));
            ConsoleInput.validate(validator, request, Map.of());
            roundId = Objects.requireNonNull(rounds.open(request, user).getBody()).get("id");
        } catch (FieldRefusal refusal) {
            response.setStatus(400);
            return renderOpen(project, form, FieldErrors.byField(ConsoleInput.problem(400, refusal.getMessage(),
                    refusal.field())), user, model);
        } catch (RuntimeException failure) {
            DomainException refusal = ConsoleInput.domain(failure);
            if (refusal == null || refusal.kind() == DomainException.Kind.NOT_FOUND
                    || refusal.kind() == DomainException.Kind.FORBIDDEN) {
                throw failure;
            }
            int status = ConsoleInput.status(refusal);
            response.setStatus(status);
            return renderOpen(project, form, FieldErrors.byField(ConsoleInput.problem(status, refusal.getMessage(),
                    ConsoleInput.named(refusal.getMessage(), inputs, null))), user, model);
        }
        redirect.addFlashAttribute("done", messages.getMessage("investment.done.opened", null, locale));
        return "redirect:/rounds/" + roundId;
    }

    private String renderOpen(String projectId, MultiValueMap<String, String> form, Map<String, FieldErrors.Problem> problems,
                              Authentication user, Model model) {
        boolean staff = isStaff(user);
        if (!staff && !CurrentUser.hasGroup(user, Roles.CARRIER)) {
            throw DomainException.notFound("No page");
        }
        Map<String, String> companies = new LinkedHashMap<>();
        ProjectView project = null;
        if (projectId != null && !projectId.isBlank()) {
            project = queryGateway.query(new FindProjectQuery(projectId.strip()),
                    ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                    .orElseThrow(() -> DomainException.notFound("No project " + projectId));
            if (staff) {
                project.partners().stream()
                        .filter(p -> p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED)
                        .forEach(p -> companies.put(p.organisationId(), p.name()));
            } else {
                // the controller lets a carrier open its own company's round only: the page offers nothing else
                String carrier = project.carrierOrganisationId();
                if (!organisations(user).contains(carrier)) {
                    throw DomainException.notFound("No project " + projectId);
                }
                project.partners().stream().filter(p -> p.organisationId().equals(carrier)).findFirst()
                        .ifPresentOrElse(p -> companies.put(carrier, p.name()), () -> companies.put(carrier, carrier));
            }
        } else if (staff) {
            queryGateway.query(new FindOrganisationsQuery(null, null, null),
                    ResponseTypes.multipleInstancesOf(OrganisationView.class)).join()
                    .forEach(o -> companies.put(o.id(), o.name()));
        } else {
            for (String id : organisations(user)) {
                companies.put(id, queryGateway.query(new FindOrganisationQuery(id),
                        ResponseTypes.optionalInstanceOf(OrganisationView.class)).join().map(OrganisationView::name).orElse(id));
            }
        }
        model.addAttribute("project", project);
        model.addAttribute("projectId", projectId);
        model.addAttribute("companies", companies);
        model.addAttribute("instruments", Instrument.values());
        Map<String, String> typed = new LinkedHashMap<>(form.toSingleValueMap());
        if (form.isEmpty()) {
            typed.put("sharePassport", "true");
            if (project != null) {
                typed.put("companyOrganisationId", project.carrierOrganisationId());
            }
        }
        model.addAttribute("form", typed);
        model.addAttribute("problems", problems);
        return "investment/new";
    }

    // ---------------------------------------------------------------- a project's rounds

    /** The project's rounds as the caller may read them, for the project page; an empty 404 when there is nothing. */
    @GetMapping("/projects/{projectId}/rounds")
    String projectRounds(@PathVariable String projectId, Authentication user, Model model, HttpServletResponse response) {
        List<Map<String, Object>> found = rounds.list(user).stream()
                .filter(r -> projectId.equals(r.get("projectId"))).toList();
        boolean mayOpen = isStaff(user);
        if (!mayOpen && CurrentUser.hasGroup(user, Roles.CARRIER)) {
            mayOpen = queryGateway.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class))
                    .join().map(p -> organisations(user).contains(p.carrierOrganisationId())).orElse(false);
        }
        if (found.isEmpty() && !mayOpen) {
            response.setStatus(404);
            return "investment/fragments :: hidden";
        }
        model.addAttribute("rounds", found);
        model.addAttribute("projectId", projectId);
        model.addAttribute("mayOpen", mayOpen);
        return "investment/fragments :: projectRounds";
    }

    private List<String> organisations(Authentication user) {
        return queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }

    private static boolean isStaff(Authentication user) {
        return CurrentUser.hasGroup(user, Roles.POLE_STAFF) || CurrentUser.hasGroup(user, Roles.ADMIN);
    }
}
