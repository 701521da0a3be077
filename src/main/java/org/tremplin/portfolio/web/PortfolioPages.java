package org.tremplin.portfolio.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsolePage;
import org.tremplin.project.api.FindHistoricalProjectQuery;
import org.tremplin.project.api.FindPortfolioPageQuery;
import org.tremplin.project.api.FindPortfolioSummaryQuery;
import org.tremplin.project.api.HistoricalProjectView;
import org.tremplin.project.api.PortfolioPage;
import org.tremplin.project.api.PortfolioSummaryView;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

/**
 * The console's pages of the imported portfolio (pole staff, Camunda administrators): a panel on the staff home
 * (counts by programme and edition, total aid), the list of historical projects (paged; by programme, edition or
 * organisation, with that organisation's role) and each historical project's page (partners, coordinator, aid,
 * provenance). Every page says the projects are imported from the ANR open data, never projects run in Tremplin;
 * anyone else gets 404, as for the import page.
 */
@ConsolePage
class PortfolioPages {

    static final int PAGE_SIZE = 50;

    private final QueryGateway queries;

    PortfolioPages(QueryGateway queries) {
        this.queries = queries;
    }

    /** The staff home's panel (loaded by the home page). */
    @GetMapping("/portfolio/panel")
    String panel(Authentication user, Model model) {
        staff(user);
        model.addAttribute("summary", summary());
        return "portfolio/portfolio :: panel";
    }

    @GetMapping("/portfolio")
    String list(@RequestParam(required = false) String programme, @RequestParam(required = false) Integer edition,
                @RequestParam(required = false) String organisationId, @RequestParam(defaultValue = "1") int page,
                Authentication user, Model model) {
        staff(user);
        String programmeFilter = blankToNull(programme);
        String organisationFilter = blankToNull(organisationId);
        if (page < 1) {
            throw DomainException.invalid("page must be 1 or more (got " + page + ")");
        }
        PortfolioPage found = queries.query(new FindPortfolioPageQuery(programmeFilter, edition, organisationFilter,
                (page - 1) * PAGE_SIZE, PAGE_SIZE), ResponseTypes.instanceOf(PortfolioPage.class)).join();
        if (organisationFilter != null) {
            model.addAttribute("organisation", queries.query(new FindOrganisationQuery(organisationFilter),
                    ResponseTypes.optionalInstanceOf(OrganisationView.class)).join().orElse(null));
        }
        model.addAttribute("summary", summary());
        model.addAttribute("found", found);
        model.addAttribute("programme", programmeFilter);
        model.addAttribute("edition", edition);
        model.addAttribute("organisationId", organisationFilter);
        model.addAttribute("page", page);
        model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        return "portfolio/portfolio";
    }

    @GetMapping("/portfolio/{id}")
    String project(@PathVariable String id, Authentication user, Model model) {
        staff(user);
        HistoricalProjectView project = queries.query(new FindHistoricalProjectQuery(id),
                        ResponseTypes.optionalInstanceOf(HistoricalProjectView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No imported project " + id));
        model.addAttribute("project", project);
        return "portfolio/project";
    }

    private PortfolioSummaryView summary() {
        return queries.query(new FindPortfolioSummaryQuery(), ResponseTypes.instanceOf(PortfolioSummaryView.class)).join();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Pole staff, administrators and auditors (who trace history); anyone else: 404, as a page that does not exist. */
    private static void staff(Authentication user) {
        if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF) && !CurrentUser.hasGroup(user, Roles.ADMIN)
                && !CurrentUser.hasGroup(user, Roles.AUDITOR)) {
            throw DomainException.notFound("No such page");
        }
    }
}
