package org.tremplin.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.project.api.FindPreLabelQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.PreLabelView;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.process.PreLabelling;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pre-labels (issue 13): the carrier asks, pole staff or an expert answers through the task
 * {@code user_give_prelabel_opinion} ({@code POST /api/tasks/{id}/complete}); the consortium, pole staff, experts and
 * auditors read the opinion and the orientation.
 */
@RestController
@RequestMapping("/api/projects/{id}/pre-label")
@Tag(name = "Pre-label", description = "An early opinion and a funding orientation before the full labelling")
class PreLabelController {

    private final QueryGateway queryGateway;
    private final PreLabelling preLabelling;
    private final ReadModels readModels;

    PreLabelController(QueryGateway queryGateway, PreLabelling preLabelling, ReadModels readModels) {
        this.queryGateway = queryGateway;
        this.preLabelling = preLabelling;
        this.readModels = readModels;
    }

    record PreLabelRequest(@Size(max = 4000) String note) {
    }

    @PostMapping
    @Operation(summary = "Ask for a pre-label while the consortium is being built (the carrier's users); one at a time")
    ResponseEntity<Map<String, Object>> request(@PathVariable String id,
                                                @Valid @RequestBody(required = false) PreLabelRequest body,
                                                Authentication user) {
        ProjectView project = project(id);
        List<String> organisations = organisationsOf(user);
        if (!organisations.contains(project.carrierOrganisationId())) {
            if (ProjectAccess.level(project.confidentiality(), ProjectAccess.relation(project, user.getName(),
                    CurrentUser.groups(user), organisations)) == ProjectAccess.Level.NONE) {
                throw DomainException.notFound("No project " + id);
            }
            throw DomainException.forbidden("Only the carrier's users ask for a pre-label of " + id);
        }
        String preLabelId = preLabelling.request(id, project.title(), user.getName(), body == null ? null : body.note());
        readModels.catchUp();
        PreLabelView view = find(id).orElseThrow(() -> new IllegalStateException("Pre-label of " + id + " not projected"));
        return ResponseEntity.created(URI.create("/api/projects/" + id + "/pre-label"))
                .body(Map.of("id", preLabelId, "round", view.round(), "status", view.status()));
    }

    @GetMapping
    @Operation(summary = "The project's pre-label (its latest round): opinion, advice and funding orientation — for the "
            + "consortium, pole staff, experts and auditors; status NONE (round 0) while none was asked")
    PreLabelView read(@PathVariable String id, Authentication user) {
        ProjectView project = project(id);
        if (!mayRead(project, user, organisationsOf(user))) {
            throw DomainException.notFound("No project " + id);
        }
        return find(id).orElseGet(() -> new PreLabelView(id, null, 0, "NONE", null, null, null, null, null, List.of(),
                null, null, null, null, null, null));
    }

    /** The consortium (partners once the file is theirs to read), pole staff, auditors and the experts who may answer. */
    static boolean mayRead(ProjectView project, Authentication user, List<String> organisations) {
        ProjectAccess.Relation relation = ProjectAccess.relation(project, user.getName(), CurrentUser.groups(user),
                organisations);
        return switch (relation) {
            case STAFF, AUDITOR, CARRIER, REVIEWER -> true;
            case PARTNER_WITH_NDA, PARTNER_WITHOUT_NDA ->
                    ProjectAccess.level(project.confidentiality(), relation) == ProjectAccess.Level.FILE;
            case MEMBER, OTHER -> CurrentUser.hasGroup(user, Roles.REVIEWER);
            // a partner pole reads the file it is asked to label, not the home pole's pre-label and orientation
            case PARTNER_POLE, ASKED_POLE -> false;
        };
    }

    private Optional<PreLabelView> find(String id) {
        return queryGateway.query(new FindPreLabelQuery(id), ResponseTypes.optionalInstanceOf(PreLabelView.class)).join();
    }

    private ProjectView project(String id) {
        return queryGateway.query(new FindProjectQuery(id), ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No project " + id));
    }

    private List<String> organisationsOf(Authentication user) {
        return queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }
}
