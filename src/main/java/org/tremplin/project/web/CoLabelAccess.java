package org.tremplin.project.web;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindPartnerPolesOfUserQuery;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.project.api.CoLabelGrantedEvent;
import org.tremplin.project.api.CoLabelRefusedEvent;
import org.tremplin.project.api.CoLabelRequestWithdrawnEvent;
import org.tremplin.project.api.CoLabelRequestedEvent;
import org.tremplin.project.api.CoLabelStatus;
import org.tremplin.project.api.CoLabelView;
import org.tremplin.project.api.FindCoLabelsOfProjectQuery;
import org.tremplin.project.api.FindProjectsAskedOfPolesQuery;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.Roles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Co-labelling's part of the project's access rules and view: a partner pole's user reads only the files its pole is
 * asked to label ({@link ProjectAccess.Relation#ASKED_POLE}), every other project is missing for it; and every pole's
 * label as each reader may see it.
 */
@Component
class CoLabelAccess {

    private final QueryGateway queryGateway;
    private final EventStore eventStore;
    private final String homePoleName;

    CoLabelAccess(QueryGateway queryGateway, EventStore eventStore,
                  @Value("${tremplin.pole.name:Home pole}") String homePoleName) {
        this.queryGateway = queryGateway;
        this.eventStore = eventStore;
        this.homePoleName = homePoleName;
    }

    /** The partner poles the user acts for; none for a user outside the partner-pole group. */
    List<String> polesOf(Authentication user) {
        if (!CurrentUser.hasGroup(user, Roles.PARTNER_POLE)) {
            return List.of();
        }
        return queryGateway.query(new FindPartnerPolesOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }

    /** The projects that asked one of the user's poles for its label (empty for anyone else). */
    Set<String> askedProjects(Authentication user) {
        List<String> poles = polesOf(user);
        if (poles.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(queryGateway.query(new FindProjectsAskedOfPolesQuery(poles),
                ResponseTypes.multipleInstancesOf(String.class)).join());
    }

    /** {@link ProjectAccess#relation}, with a partner pole's user raised to ASKED_POLE on the files it is asked. */
    ProjectAccess.Relation relation(ProjectView project, Authentication user, List<String> organisations) {
        ProjectAccess.Relation relation = ProjectAccess.relation(project, user.getName(), CurrentUser.groups(user),
                organisations);
        return raised(relation, project.id(), () -> askedProjects(user));
    }

    static ProjectAccess.Relation raised(ProjectAccess.Relation relation, String projectId,
                                         java.util.function.Supplier<Set<String>> askedProjects) {
        return relation == ProjectAccess.Relation.PARTNER_POLE && askedProjects.get().contains(projectId)
                ? ProjectAccess.Relation.ASKED_POLE : relation;
    }

    List<CoLabelView> coLabels(String projectId) {
        return queryGateway.query(new FindCoLabelsOfProjectQuery(projectId),
                ResponseTypes.multipleInstancesOf(CoLabelView.class)).join();
    }

    /**
     * Every pole's label for a reader of the file: the home pole's first (its decision once communicated, before for
     * staff and auditors), then each partner pole asked. A partner pole's user sees the home pole's and its own pole's.
     */
    List<ProjectResponse.PoleLabel> labels(ProjectView project, ProjectAccess.Relation relation, List<String> userPoles) {
        boolean insider = relation == ProjectAccess.Relation.STAFF || relation == ProjectAccess.Relation.AUDITOR;
        List<ProjectResponse.PoleLabel> labels = new ArrayList<>();
        labels.add(home(project, insider));
        for (CoLabelView coLabel : coLabels(project.id())) {
            if (relation == ProjectAccess.Relation.ASKED_POLE && !userPoles.contains(coLabel.poleId())) {
                continue;
            }
            labels.add(new ProjectResponse.PoleLabel(coLabel.poleId(), coLabel.poleName(), false,
                    coLabel.status().name(), coLabel.requestedAt(), coLabel.decidedAt(), coLabel.conclusions(),
                    coLabel.withdrawnAt()));
        }
        return labels;
    }

    /**
     * Every pole's label as it stood at {@code at}, for the "as of" view (pole staff and auditors): the home pole's
     * from the project rebuilt at that instant, each partner pole's folded from its request's events up to it.
     */
    List<ProjectResponse.PoleLabel> labelsAsOf(ProjectView projectThen, Instant at) {
        List<ProjectResponse.PoleLabel> labels = new ArrayList<>();
        labels.add(home(projectThen, true));
        for (CoLabelView coLabel : coLabels(projectThen.id())) {
            ProjectResponse.PoleLabel then = null;
            for (DomainEventMessage<?> event : eventStore.readEvents(coLabel.id()).asStream().toList()) {
                if (event.getTimestamp().isAfter(at)) {
                    break;
                }
                Object payload = event.getPayload();
                if (payload instanceof CoLabelRequestedEvent requested) {
                    then = new ProjectResponse.PoleLabel(requested.poleId(), requested.poleName(), false,
                            CoLabelStatus.PENDING.name(), event.getTimestamp(), null, null, null);
                } else if (then != null && payload instanceof CoLabelGrantedEvent granted) {
                    then = decided(then, CoLabelStatus.GRANTED, event.getTimestamp(), granted.conclusions());
                } else if (then != null && payload instanceof CoLabelRefusedEvent refused) {
                    then = decided(then, CoLabelStatus.REFUSED, event.getTimestamp(), refused.conclusions());
                } else if (then != null && payload instanceof CoLabelRequestWithdrawnEvent) {
                    then = new ProjectResponse.PoleLabel(then.poleId(), then.poleName(), false,
                            CoLabelStatus.WITHDRAWN.name(), then.askedAt(), then.decidedAt(), then.conclusions(),
                            event.getTimestamp());
                }
            }
            if (then != null) {
                labels.add(then);
            }
        }
        return labels;
    }

    private static ProjectResponse.PoleLabel decided(ProjectResponse.PoleLabel label, CoLabelStatus status, Instant at,
                                                     String conclusions) {
        return new ProjectResponse.PoleLabel(label.poleId(), label.poleName(), false, status.name(), label.askedAt(), at,
                conclusions, null);
    }

    private ProjectResponse.PoleLabel home(ProjectView project, boolean insider) {
        boolean decided = project.labelDecision() != null && (insider || project.conclusionsCommunicatedAt() != null);
        String status;
        if (decided) {
            status = project.labelDecision();
        } else if (project.status() == ProjectStatus.CONSORTIUM_BUILDING || project.status() == ProjectStatus.ABANDONED) {
            status = "NOT_SUBMITTED";
        } else {
            status = "PENDING";
        }
        return new ProjectResponse.PoleLabel(null, homePoleName, true, status, null,
                decided ? project.labelDecidedAt() : null, decided ? project.labelReasons() : null, null);
    }
}
