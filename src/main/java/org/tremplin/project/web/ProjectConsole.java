package org.tremplin.project.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.organisation.api.FindOrganisationsQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.process.UserTasks;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.console.ConsoleFormats;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.project.api.CountProjectsByStatusQuery;
import org.tremplin.project.api.ProjectCounts;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.FindKnownReviewersQuery;
import org.tremplin.project.api.FindProjectsOfOrganisationsQuery;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the project context's console pages and task forms share: the project as the caller may read it (through
 * {@link ProjectController}, the API's own methods), the caller's organisations and own partner rows, the request
 * records validated as {@code @Valid} would, and amounts typed by a person.
 */
@Component
class ProjectConsole {

    private final ProjectController projects;
    private final QueryGateway queryGateway;
    private final Validator validator;
    private final UserTasks userTasks;

    ProjectConsole(ProjectController projects, QueryGateway queryGateway, Validator validator, UserTasks userTasks) {
        this.projects = projects;
        this.queryGateway = queryGateway;
        this.validator = validator;
        this.userTasks = userTasks;
    }

    ProjectController api() {
        return projects;
    }

    /** The project as the API answers the caller (404 when hidden or missing). */
    ProjectResponse project(String id, Authentication user) {
        return projects.get(id, null, user);
    }

    /** The project as the API answers the caller, or empty when the caller may not read it. */
    Optional<ProjectResponse> projectIfVisible(String id, Authentication user) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(projects.get(id, null, user));
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND || e.kind() == DomainException.Kind.FORBIDDEN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The projects the caller may see, as the API lists them. */
    List<ProjectResponse> list(Authentication user) {
        return projects.list(user);
    }

    /** One page of the projects the caller may see, newest first, and their number in all. */
    ProjectController.ProjectList page(Authentication user, ProjectStatus status, long offset, int limit) {
        return projects.page(user, status, offset, limit);
    }

    /** How many projects there are at each stage (for pole staff, who see every project). */
    ProjectCounts counts() {
        return queryGateway.query(new CountProjectsByStatusQuery(), ProjectCounts.class).join();
    }

    /** The organisations the caller acts for. */
    List<String> organisationsOf(Authentication user) {
        return queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }

    Optional<OrganisationView> organisation(String id) {
        return queryGateway.query(new FindOrganisationQuery(id), ResponseTypes.optionalInstanceOf(OrganisationView.class))
                .join();
    }

    /** The member organisations (the competence map), by name. */
    List<OrganisationView> allOrganisations() {
        return queryGateway.query(new FindOrganisationsQuery(null, null, null),
                        ResponseTypes.multipleInstancesOf(OrganisationView.class)).join().stream()
                .sorted(Comparator.comparing(OrganisationView::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /**
     * The caller's own organisations' rows in a project's consortium (what an invited organisation knows of its own
     * invitation, even before the NDA lets it read the file); never another organisation's row.
     */
    List<ProjectView.PartnerView> ownRows(String projectId, List<String> organisations) {
        if (organisations.isEmpty()) {
            return List.of();
        }
        return view(projectId).map(p -> p.partners().stream()
                .filter(partner -> organisations.contains(partner.organisationId()))
                .toList()).orElse(List.of());
    }

    /** Every user ever assigned a review of a project. */
    List<String> knownReviewers() {
        return queryGateway.query(new FindKnownReviewersQuery(), ResponseTypes.multipleInstancesOf(String.class)).join();
    }

    /** The read model of the projects these organisations carry or are partners of, newest first. */
    List<ProjectView> viewsOf(List<String> organisations) {
        return queryGateway.query(new FindProjectsOfOrganisationsQuery(Set.copyOf(organisations)),
                ResponseTypes.multipleInstancesOf(ProjectView.class)).join();
    }

    Optional<ProjectView> view(String projectId) {
        return queryGateway.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class))
                .join();
    }

    /** The caller's open tasks of those definitions. */
    List<UserTasks.TaskView> tasks(Authentication user, Set<String> taskKeys) {
        return userTasks.tasksOfSteps(user.getName(), CurrentUser.groups(user), taskKeys);
    }

    /** The request's violations as problems keyed by {@code prefix + property}, as {@code @Valid} would refuse it. */
    <T> Map<String, FieldErrors.Problem> violations(T request, String prefix) {
        Map<String, FieldErrors.Problem> problems = new LinkedHashMap<>();
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            String property = violation.getPropertyPath().toString();
            problems.putIfAbsent(prefix + property, FieldErrors.problem(400,
                    property + ": " + violation.getMessage(), prefix + property));
        }
        return problems;
    }

    /**
     * An amount typed by a person ({@code 1 234,50 €}), a leading minus kept so that the request's own rule refuses it;
     * {@code null} for blank.
     *
     * @throws IllegalArgumentException when the text is not an amount
     */
    static BigDecimal money(String text, Locale locale) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        boolean negative = stripped.startsWith("-");
        BigDecimal amount = ConsoleFormats.parseMoney(negative ? stripped.substring(1) : stripped, locale).orElse(null);
        return amount == null ? null : negative ? amount.negate() : amount;
    }

    /** Total planned budget of the lead and the joined partners. */
    static BigDecimal consortiumBudget(List<ProjectView.PartnerView> partners) {
        if (partners == null) {
            return null;
        }
        return partners.stream()
                .filter(p -> p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED)
                .map(ProjectView.PartnerView::plannedBudget)
                .filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The HTTP status the API gives a domain refusal. */
    static int status(DomainException refusal) {
        return switch (refusal.kind()) {
            case INVALID_INPUT -> 400;
            case CONFLICT -> 409;
            default -> 422;
        };
    }

    static boolean hidden(DomainException refusal) {
        return refusal.kind() == DomainException.Kind.NOT_FOUND || refusal.kind() == DomainException.Kind.FORBIDDEN;
    }
}
