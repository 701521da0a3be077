package org.tremplin.funding.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.FindFundersOfUserQuery;
import org.tremplin.funding.api.FindFundingApplicationQuery;
import org.tremplin.funding.api.FundingApplicationView;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the funding pages read besides the funding controllers' answers: the names of organisations (the registry is
 * open to every signed-in user, as {@code GET /api/organisations/{id}}), a project's title for the people a funding
 * task is offered to, who the caller acts for; and the groups that the pages require.
 */
@Component
class FundingReads {

    private final QueryGateway queryGateway;

    FundingReads(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    String organisationName(String organisationId) {
        if (organisationId == null) {
            return null;
        }
        return queryGateway.query(new FindOrganisationQuery(organisationId), ResponseTypes.optionalInstanceOf(OrganisationView.class))
                .join().map(OrganisationView::name).orElse(organisationId);
    }

    /** The project, for a page of a task offered to the caller about it (the title and partners the task concerns). */
    Optional<ProjectView> project(String projectId) {
        if (projectId == null) {
            return Optional.empty();
        }
        return queryGateway.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class)).join();
    }

    List<String> fundersOf(Authentication user) {
        return queryGateway.query(new FindFundersOfUserQuery(user.getName()), ResponseTypes.multipleInstancesOf(String.class))
                .join().stream().sorted().toList();
    }

    /** The partners of an application, longest id first (for finding the one a refusal names). */
    List<String> partnersOf(String applicationId) {
        if (applicationId == null) {
            return List.of();
        }
        return queryGateway.query(new FindFundingApplicationQuery(applicationId),
                        ResponseTypes.optionalInstanceOf(FundingApplicationView.class)).join()
                .map(a -> a.partners().stream().map(FundingApplicationView.PartnerAid::organisationId)
                        .sorted(Comparator.comparing(String::length).reversed()).toList())
                .orElse(List.of());
    }

    static boolean isStaff(Authentication user) {
        return CurrentUser.hasGroup(user, Roles.POLE_STAFF) || CurrentUser.hasGroup(user, Roles.ADMIN);
    }

    /** Pole staff and auditors read every funder's figures (as {@code FundingController}); others are answered 404. */
    static void requireInsider(Authentication user, String what) {
        if (!isStaff(user) && !CurrentUser.hasGroup(user, Roles.AUDITOR)) {
            throw DomainException.forbidden("Only pole staff and auditors read " + what);
        }
    }

    static String subject(org.tremplin.platform.process.UserTasks.TaskView task, String key) {
        Object value = task.subject() == null ? null : task.subject().get(key);
        return value == null ? null : value.toString();
    }

    /** The first of the ids the message names, or null. */
    static String named(String message, List<String> ids) {
        if (message == null) {
            return null;
        }
        return ids.stream().filter(message::contains).findFirst().orElse(null);
    }
}
