package org.tremplin.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.project.api.FindPendingIpPreDiagnosesQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.IpPreDiagnosisView;
import org.tremplin.project.api.ProjectView;

import java.time.Instant;
import java.util.List;

/**
 * The IP adviser's work list (issue 13, src/docs/sme-services.md): every pre-diagnosis asked for and waiting for its
 * findings, across projects, oldest first. Nothing confidential is in it (no findings exist yet).
 */
@RestController
@RequestMapping("/api/ip-pre-diagnoses")
@Tag(name = "IP pre-diagnosis", description = "An SME's confidential industrial-property pre-diagnosis")
class IpAdviserController {

    private final QueryGateway queryGateway;

    IpAdviserController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** A request waiting for the adviser's findings, with what the adviser needs to find it. */
    record PendingRequest(String id, String projectId, String projectTitle, String organisationId,
                          String organisationName, String requestedBy, Instant requestedAt) {
    }

    @GetMapping("/pending")
    @PreAuthorize("hasAnyRole('ip-adviser', 'auditor')")
    @Operation(summary = "The pre-diagnoses waiting for findings, across projects, oldest first (IP advisers, auditors)")
    List<PendingRequest> pending() {
        return queryGateway.query(new FindPendingIpPreDiagnosesQuery(),
                        ResponseTypes.multipleInstancesOf(IpPreDiagnosisView.class)).join().stream()
                .map(d -> new PendingRequest(d.id(), d.projectId(),
                        queryGateway.query(new FindProjectQuery(d.projectId()), ResponseTypes.optionalInstanceOf(ProjectView.class))
                                .join().map(ProjectView::title).orElse(null),
                        d.organisationId(),
                        queryGateway.query(new FindOrganisationQuery(d.organisationId()),
                                ResponseTypes.optionalInstanceOf(OrganisationView.class)).join().map(OrganisationView::name)
                                .orElse(null),
                        d.requestedBy(), d.requestedAt()))
                .toList();
    }
}
