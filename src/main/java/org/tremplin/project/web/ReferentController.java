package org.tremplin.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.organisation.api.FindOrganisationsOfReferentQuery;
import org.tremplin.project.api.FindProjectsOfOrganisationsQuery;
import org.tremplin.project.api.ProjectView;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The SME referent's list: every project its SMEs carry or take part in (issue 13). */
@RestController
@RequestMapping("/api/referents")
@Tag(name = "SME referents", description = "The pole staff member named as an SME's contact")
class ReferentController {

    private final QueryGateway queryGateway;

    ReferentController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** One project of the referent's SMEs: which of its SMEs are in it, and how. */
    record ReferentProject(String projectId, String title, String status, String carrierOrganisationId,
                           List<String> smeOrganisationIds) {
    }

    @GetMapping("/me/projects")
    @PreAuthorize("hasRole('pole-staff')")
    @Operation(summary = "Projects carried by, or joined by, the SMEs I am the referent of, newest first (pole staff)")
    List<ReferentProject> myProjects(Authentication user) {
        Set<String> smes = new HashSet<>(queryGateway.query(new FindOrganisationsOfReferentQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join());
        if (smes.isEmpty()) {
            return List.of();
        }
        return queryGateway.query(new FindProjectsOfOrganisationsQuery(smes), ResponseTypes.multipleInstancesOf(ProjectView.class))
                .join()
                .stream()
                .map(p -> new ReferentProject(p.id(), p.title(), p.status().name(), p.carrierOrganisationId(),
                        Stream.concat(Stream.of(p.carrierOrganisationId()),
                                        p.partners().stream().map(ProjectView.PartnerView::organisationId))
                                .filter(smes::contains).distinct().sorted().toList()))
                .filter(p -> !p.smeOrganisationIds().isEmpty())
                .toList();
    }
}
