package org.tremplin.project.web;

import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tremplin.organisation.api.FindPartnerPolesQuery;
import org.tremplin.organisation.api.PartnerPoleView;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.project.api.CoLabelStatus;
import org.tremplin.project.api.CoLabelView;
import org.tremplin.project.api.RequestCoLabelCommand;
import org.tremplin.shared.Roles;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's co-labelling actions on the project page (src/docs/co-labelling.md): the carrier or staff ask a
 * partner pole for its label, or withdraw a pending request, through the API's controller; a refusal re-renders the
 * project page with the problem (nothing stored). The labels panel itself is {@code project/colabels :: labels}.
 */
@Controller
class CoLabelPages {

    private final ProjectPages pages;
    private final CoLabelController api;
    private final ProjectConsole console;

    CoLabelPages(ProjectPages pages, CoLabelController api, ProjectConsole console) {
        this.pages = pages;
        this.api = api;
        this.console = console;
    }

    @PostMapping("/projects/{id}/co-labels")
    String request(@PathVariable String id, @RequestParam(required = false) String poleId,
                   @RequestParam(required = false) String message, Authentication user, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        CoLabelController.CoLabelRequest request = new CoLabelController.CoLabelRequest(poleId,
                message == null || message.isBlank() ? null : message);
        return pages.act(id, user, model, response, redirect, Map.of(), atTop(console.violations(request, "")), "colabel-",
                () -> api.request(id, request, user), "colabelAsked");
    }

    @PostMapping("/projects/{id}/co-labels/{poleId}/withdraw")
    String withdraw(@PathVariable String id, @PathVariable String poleId, @RequestParam(required = false) String reason,
                    Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        CoLabelController.WithdrawRequest request = new CoLabelController.WithdrawRequest(reason);
        return pages.act(id, user, model, response, redirect, Map.of(), atTop(console.violations(request, "")),
                "colabel-", () -> api.withdraw(id, poleId, request, user), "colabelWithdrawn");
    }

    /** The panel's forms have no field-by-field problems: the first violation is shown at the top of the page. */
    private static Map<String, FieldErrors.Problem> atTop(Map<String, FieldErrors.Problem> violations) {
        return violations.isEmpty() ? violations : FieldErrors.byField(FieldErrors.problem(400,
                violations.values().iterator().next().detail(), ""));
    }

    /** What the labels panel offers the carrier or staff: the poles that may be asked, the pending requests. */
    record Ask(List<PartnerPoleView> poles, List<CoLabelView> pending) {
    }

    /** Adds {@code coLabelAsk} to the project page (and its re-renders) for the carrier's users and pole staff. */
    @ControllerAdvice(assignableTypes = {ProjectPages.class, CoLabelPages.class})
    static class AskAdvice {

        private final ProjectConsole console;
        private final CoLabelAccess access;
        private final QueryGateway queryGateway;

        AskAdvice(ProjectConsole console, CoLabelAccess access, QueryGateway queryGateway) {
            this.console = console;
            this.access = access;
            this.queryGateway = queryGateway;
        }

        @ModelAttribute("coLabelAsk")
        Ask ask(@PathVariable(name = "id", required = false) String id, Authentication user) {
            if (id == null || user == null || !id.startsWith("PRJ-")) {
                return null;
            }
            var view = console.view(id).orElse(null);
            if (view == null || !RequestCoLabelCommand.ASKABLE_STATUSES.contains(view.status())) {
                return null;
            }
            boolean staff = CurrentUser.hasGroup(user, Roles.POLE_STAFF);
            if (!staff && !console.organisationsOf(user).contains(view.carrierOrganisationId())) {
                return null;
            }
            List<CoLabelView> coLabels = access.coLabels(id);
            Set<String> taken = coLabels.stream()
                    .filter(c -> c.status() == CoLabelStatus.PENDING || c.status() == CoLabelStatus.GRANTED)
                    .map(CoLabelView::poleId).collect(Collectors.toSet());
            List<PartnerPoleView> poles = queryGateway.query(new FindPartnerPolesQuery(),
                            ResponseTypes.multipleInstancesOf(PartnerPoleView.class)).join().stream()
                    .filter(p -> !taken.contains(p.id())).toList();
            return new Ask(poles, coLabels.stream().filter(c -> c.status() == CoLabelStatus.PENDING).toList());
        }
    }
}
