package org.tremplin.project.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.project.api.FindPreLabelQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.PreLabelView;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;

import java.util.List;
import java.util.Optional;

/**
 * The pre-label as the console's pages show it ({@code templates/project/prelabel.html}, called from the templates as
 * {@code @preLabelConsole}): to whoever the API lets read it ({@link PreLabelController#mayRead}), for the signed-in user.
 */
@Component("preLabelConsole")
public class PreLabelConsole {

    private final QueryGateway queryGateway;

    PreLabelConsole(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The project's pre-label if one was asked and the user may read it, else {@code null}. */
    public PreLabelView of(String projectId) {
        return readable(projectId).flatMap(p -> queryGateway.query(new FindPreLabelQuery(projectId),
                ResponseTypes.optionalInstanceOf(PreLabelView.class)).join()).orElse(null);
    }

    /** Whether the user acts for the carrier of a project still building its consortium, with no round pending. */
    public boolean canAsk(String projectId) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        Optional<ProjectView> project = project(projectId);
        if (user == null || project.isEmpty() || project.get().status() != ProjectStatus.CONSORTIUM_BUILDING
                || !organisationsOf(user).contains(project.get().carrierOrganisationId())) {
            return false;
        }
        PreLabelView current = of(projectId);
        return current == null || !"PENDING".equals(current.status());
    }

    private Optional<ProjectView> readable(String projectId) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || projectId == null) {
            return Optional.empty();
        }
        return project(projectId).filter(p -> PreLabelController.mayRead(p, user, organisationsOf(user)));
    }

    private Optional<ProjectView> project(String projectId) {
        return queryGateway.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class))
                .join();
    }

    private List<String> organisationsOf(Authentication user) {
        return queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }
}
