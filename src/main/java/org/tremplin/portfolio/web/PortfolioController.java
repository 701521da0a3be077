package org.tremplin.portfolio.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.project.api.FindHistoricalProjectsQuery;
import org.tremplin.project.api.FindPortfolioSummaryQuery;
import org.tremplin.project.api.HistoricalProjectView;
import org.tremplin.project.api.PortfolioSummaryView;
import org.tremplin.shared.DomainException;

import java.util.List;

/** The imported portfolio: historical projects (imported history, not projects run in Tremplin). */
@RestController
@RequestMapping("/api/portfolio")
@Tag(name = "Portfolio import", description = "Import historical projects, partners and aid from the ANR open data")
class PortfolioController {

    private final QueryGateway queries;

    PortfolioController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/projects")
    @PreAuthorize(ImportController.STAFF_OR_AUDITOR)
    @Operation(summary = "Imported historical projects with their partners, newest edition first, optionally of one "
            + "organisation or edition; limit 1-2000 (100 by default) (pole staff, auditors)")
    List<HistoricalProjectView> projects(@RequestParam(required = false) String organisationId,
                                         @RequestParam(required = false) Integer edition,
                                         @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 2000) {
            throw DomainException.invalid("limit must be between 1 and 2000 (got " + limit + ")");
        }
        return queries.query(new FindHistoricalProjectsQuery(organisationId, edition, limit),
                ResponseTypes.multipleInstancesOf(HistoricalProjectView.class)).join();
    }

    @GetMapping("/summary")
    @PreAuthorize(ImportController.STAFF_OR_AUDITOR)
    @Operation(summary = "The imported portfolio in figures (imported history, never projects run in Tremplin): projects, "
            + "organisations, total ANR aid allocated, by programme and by edition (pole staff, auditors)")
    PortfolioSummaryView summary() {
        return queries.query(new FindPortfolioSummaryQuery(), ResponseTypes.instanceOf(PortfolioSummaryView.class)).join();
    }
}
