package org.tremplin.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.platform.web.CurrentUser;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.project.api.ConfidentialityLevel;
import org.tremplin.project.api.DeclineInvitationCommand;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.FindProjectsPageQuery;
import org.tremplin.project.api.FindProjectsQuery;
import org.tremplin.project.api.FindVisibleProjectsPageQuery;
import org.tremplin.project.api.InvitePartnerCommand;
import org.tremplin.project.api.JoinConsortiumCommand;
import org.tremplin.project.api.PartnerOrganisation;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.ProjectsPage;
import org.tremplin.project.api.SignNdaCommand;
import org.tremplin.project.process.ProjectLifecycle;
import org.tremplin.project.query.ProjectAsOf;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.InputRules;
import org.tremplin.shared.RandomIds;
import org.tremplin.shared.Roles;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/projects")
@Tag(name = "Projects", description = "Ideas, consortia, labelling and each project's event history")
class ProjectController {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ProjectLifecycle lifecycle;
    private final EventStore eventStore;
    private final ReadModels readModels;
    private final ProjectAsOf asOfRebuilder;
    private final CoLabelAccess coLabels;

    private final org.tremplin.project.command.RedressRules redressRules;
    private final java.time.Clock clock;

    ProjectController(CommandGateway commandGateway, QueryGateway queryGateway, ProjectLifecycle lifecycle,
                      EventStore eventStore, ReadModels readModels, ProjectAsOf asOfRebuilder, CoLabelAccess coLabels,
                      org.tremplin.project.command.RedressRules redressRules, java.time.Clock clock) {
        this.coLabels = coLabels;
        this.redressRules = redressRules;
        this.clock = clock;
        this.readModels = readModels;
        this.asOfRebuilder = asOfRebuilder;
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.lifecycle = lifecycle;
        this.eventStore = eventStore;
    }

    record SubmitIdeaRequest(
            @NotBlank @Size(min = 3, max = 200) String title,
            @NotBlank @Size(max = 4000) String summary,
            @NotBlank @Size(max = 100) String thematicAxis,
            @NotNull ConfidentialityLevel confidentiality,
            @NotBlank @Size(max = 80) String carrierOrganisationId,
            @NotNull @DecimalMin("0.00") @Digits(integer = 13, fraction = 2) BigDecimal plannedBudget) {
    }

    record InvitePartnerRequest(@NotBlank @Size(max = 80) String organisationId) {
    }

    record JoinRequest(@NotBlank @Size(max = 200) String role,
                       @NotNull @DecimalMin("0.00") @Digits(integer = 13, fraction = 2) BigDecimal plannedBudget) {
    }

    record ReasonRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    @PostMapping
    @Operation(summary = "Submit a project idea for a member organisation (its users, or pole staff)")
    ResponseEntity<Map<String, String>> submitIdea(@Valid @RequestBody SubmitIdeaRequest request, Authentication user) {
        OrganisationView carrier = organisation(request.carrierOrganisationId());
        // its members come with it (the same read model as the caller's organisations): no second query on a start
        if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF) && !carrier.members().contains(user.getName())) {
            throw DomainException.forbidden("You do not act for " + carrier.name() + "; only its users or pole staff submit its ideas");
        }
        String projectId = RandomIds.of("PRJ-");
        String processInstanceId = lifecycle.submitIdea(new ProjectLifecycle.IdeaSubmission(projectId, request.title(),
                request.summary(), request.thematicAxis(), request.confidentiality(), carrier.id(), carrier.name(),
                carrier.kind(), request.plannedBudget(), user.getName()));
        readModels.catchUp();
        return ResponseEntity.created(URI.create("/api/projects/" + projectId))
                .body(Map.of("id", projectId, "processInstanceId", processInstanceId));
    }

    @GetMapping
    @Operation(summary = "Projects I may see, newest first (summaries); with page and size, one page of them and their "
            + "number in all in the X-Total-Count header")
    ResponseEntity<List<ProjectResponse>> list(
            @Parameter(description = "1-based page; all projects at once without it")
            @RequestParam(required = false) String page,
            @Parameter(description = "projects per page, " + DEFAULT_PAGE_SIZE + " by default, at most " + MAX_PAGE_SIZE)
            @RequestParam(required = false) String size,
            Authentication user) {
        if (page == null && size == null) {
            return ResponseEntity.ok(list(user));
        }
        int pageNumber = InputRules.checkedNumber("page", page, 1, 1, Integer.MAX_VALUE);
        int pageSize = InputRules.checkedNumber("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        ProjectList found = page(user, null, (long) (pageNumber - 1) * pageSize, pageSize);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(found.total())).body(found.projects());
    }

    /** Projects per page of the API's list when a page is asked without a size. */
    static final int DEFAULT_PAGE_SIZE = 50;
    /** The most projects one page of the API's list holds. */
    static final int MAX_PAGE_SIZE = 500;

    /** One page of the projects a caller may see, newest first, and how many they may see in all. */
    record ProjectList(long total, List<ProjectResponse> projects) {
    }

    /**
     * One page of the projects the caller may see, newest first (at that stage, if one is given), read from the
     * database alone, so that a national list costs one page: every project for pole staff and auditors (who see every
     * project, {@link ProjectAccess}), the projects the access rules let any other caller see, chosen by the same rules
     * in SQL ({@link FindVisibleProjectsPageQuery}).
     */
    ProjectList page(Authentication user, ProjectStatus status, long offset, int limit) {
        List<String> groups = CurrentUser.groups(user);
        if (groups.contains(Roles.POLE_STAFF) || groups.contains(Roles.AUDITOR)) {
            ProjectsPage found = queryGateway.query(new FindProjectsPageQuery(status, offset, limit), ProjectsPage.class)
                    .join();
            return new ProjectList(found.total(), found.projects().stream().map(p -> summary(p, "SUMMARY", null)).toList());
        }
        List<String> organisations = organisationsOf(user);
        java.util.Set<String> askedOfMyPoles = coLabels.askedProjects(user);
        ProjectsPage found = queryGateway.query(new FindVisibleProjectsPageQuery(user.getName(),
                java.util.Set.copyOf(organisations), groups.contains(Roles.PARTNER_POLE), askedOfMyPoles, status,
                offset, limit), ProjectsPage.class).join();
        // the database chose the page by the same rules; each project is checked again by them, so that a rule changed
        // on one side only can shorten a page but never show a project its reader may not see
        return new ProjectList(found.total(), found.projects().stream()
                .filter(p -> visible(p, user, groups, organisations, askedOfMyPoles))
                .map(p -> summary(p, "SUMMARY", null))
                .toList());
    }

    private static boolean visible(ProjectView p, Authentication user, List<String> groups, List<String> organisations,
                                   java.util.Set<String> askedOfMyPoles) {
        return ProjectAccess.level(p.confidentiality(), CoLabelAccess.raised(
                ProjectAccess.relation(p, user.getName(), groups, organisations), p.id(), () -> askedOfMyPoles))
                != ProjectAccess.Level.NONE;
    }

    /** Every project the caller may see, newest first (summaries). */
    List<ProjectResponse> list(Authentication user) {
        List<String> organisations = organisationsOf(user);
        List<String> groups = CurrentUser.groups(user);
        java.util.Set<String> askedOfMyPoles = coLabels.askedProjects(user);
        return queryGateway.query(new FindProjectsQuery(), ResponseTypes.multipleInstancesOf(ProjectView.class)).join()
                .stream()
                .filter(p -> visible(p, user, groups, organisations, askedOfMyPoles))
                .map(p -> summary(p, "SUMMARY", null))
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a project: the file if my access allows it, else its summary; "
            + "with asOf (pole staff, auditors), as it stood at that instant, rebuilt from its events")
    ProjectResponse get(@PathVariable String id,
                        @RequestParam(required = false) java.time.OffsetDateTime asOf, Authentication user) {
        ProjectView project;
        if (asOf == null) {
            project = project(id);
        } else {
            if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF) && !CurrentUser.hasGroup(user, Roles.AUDITOR)) {
                throw DomainException.forbidden("Only pole staff and auditors read a project as of a past instant");
            }
            project = asOfRebuilder.project(id, asOf.toInstant())
                    .orElseThrow(() -> DomainException.notFound("Project " + id + " did not exist at " + asOf));
            commandGateway.sendAndWait(new org.tremplin.audit.api.RecordAuditReadCommand(user.getName(), CurrentUser.groups(user),
                    "/api/projects/" + id, "asOf=" + asOf));
        }
        List<String> organisations = organisationsOf(user);
        ProjectAccess.Relation relation = coLabels.relation(project, user, organisations);
        return switch (ProjectAccess.level(project.confidentiality(), relation)) {
            case NONE -> throw DomainException.notFound("No project " + id);
            case SUMMARY -> summary(project, "SUMMARY", relation == ProjectAccess.Relation.PARTNER_WITHOUT_NDA
                    ? "Sign the project's NDA (POST /api/projects/" + id + "/partners/"
                    + project.partners().stream().map(ProjectView.PartnerView::organisationId)
                    .filter(organisations::contains).findFirst().orElse("{organisationId}")
                    + "/nda) to read the file"
                    : "The file is reserved to the consortium under NDA");
            case FILE -> asOf != null ? file(project, relation, user.getName(), asOf.toInstant())
                    .withLabels(coLabels.labelsAsOf(project, asOf.toInstant()))
                    : file(project, relation, user.getName(), clock.instant())
                    .withLabels(coLabels.labels(project, relation, coLabels.polesOf(user)));
        };
    }

    @PostMapping("/{id}/invitations")
    @Operation(summary = "Invite a member organisation into the consortium (carrier or pole staff)")
    ResponseEntity<Map<String, String>> invite(@PathVariable String id, @Valid @RequestBody InvitePartnerRequest request,
                                               Authentication user) {
        ProjectView project = project(id);
        requireCarrierOrStaff(project, user);
        OrganisationView partner = organisation(request.organisationId());
        send(project, new InvitePartnerCommand(id, new PartnerOrganisation(partner.id(), partner.name(), partner.kind())));
        return ResponseEntity.ok(Map.of("projectId", id, "organisationId", partner.id(), "status", "INVITED"));
    }

    @PostMapping("/{id}/partners/{organisationId}/join")
    @Operation(summary = "Join the consortium with a role and a planned budget (users of the invited organisation)")
    ResponseEntity<Map<String, String>> join(@PathVariable String id, @PathVariable String organisationId,
                                             @Valid @RequestBody JoinRequest request, Authentication user) {
        requireActingFor(organisationId, user);
        ProjectView project = projectOfPartner(id, organisationId, user);
        send(project, new JoinConsortiumCommand(id, organisationId, request.role(), request.plannedBudget()));
        return ResponseEntity.ok(Map.of("projectId", id, "organisationId", organisationId, "status", "JOINED"));
    }

    @PostMapping("/{id}/partners/{organisationId}/decline")
    @Operation(summary = "Decline an invitation, with a reason (users of the invited organisation)")
    ResponseEntity<Map<String, String>> decline(@PathVariable String id, @PathVariable String organisationId,
                                                @Valid @RequestBody ReasonRequest request, Authentication user) {
        requireActingFor(organisationId, user);
        ProjectView project = projectOfPartner(id, organisationId, user);
        send(project, new DeclineInvitationCommand(id, organisationId, request.reason()));
        return ResponseEntity.ok(Map.of("projectId", id, "organisationId", organisationId, "status", "DECLINED"));
    }

    @PostMapping("/{id}/partners/{organisationId}/nda")
    @Operation(summary = "Sign the project's NDA for a partner organisation (its users)")
    ResponseEntity<Map<String, String>> signNda(@PathVariable String id, @PathVariable String organisationId,
                                                Authentication user) {
        requireActingFor(organisationId, user);
        ProjectView project = projectOfPartner(id, organisationId, user);
        send(project, new SignNdaCommand(id, organisationId, user.getName()));
        return ResponseEntity.ok(Map.of("projectId", id, "organisationId", organisationId, "nda", "SIGNED"));
    }

    @PostMapping("/{id}/abandon")
    @Operation(summary = "Abandon the project before the end of labelling (carrier or pole staff)")
    ResponseEntity<Map<String, String>> abandon(@PathVariable String id, @Valid @RequestBody ReasonRequest request,
                                                Authentication user) {
        ProjectView project = project(id);
        requireCarrierOrStaff(project, user);
        if (project.status().labellingIsOver()) {
            throw DomainException.conflict("The project is already " + project.status() + " and cannot be abandoned");
        }
        lifecycle.abandon(id, request.reason());
        readModels.catchUp();
        return ResponseEntity.ok(Map.of("projectId", id, "status", "ABANDONED"));
    }

    record EventEntry(long sequenceNumber, String type, String revision, Instant timestamp, String actor, String roles,
                      String processInstanceId, String activityId, String correlationId, Object payload,
                      Map<String, Object> metadata) {
    }

    @GetMapping("/{id}/events")
    @Operation(summary = "The project's events in order, with their metadata, read from the event store (pole staff, auditors)")
    List<EventEntry> events(@PathVariable String id, Authentication user) {
        if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF) && !CurrentUser.hasGroup(user, Roles.AUDITOR)) {
            throw DomainException.forbidden("Only pole staff and auditors read a project's event history");
        }
        List<EventEntry> events = eventStore.readEvents(id).asStream()
                .map(event -> new EventEntry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                        revisionOf(event.getPayloadType()), event.getTimestamp(),
                        (String) event.getMetaData().get("actor"), (String) event.getMetaData().get("roles"),
                        (String) event.getMetaData().get("processInstanceId"),
                        (String) event.getMetaData().get("activityId"),
                        (String) event.getMetaData().get("correlationId"), event.getPayload(), event.getMetaData()))
                .toList();
        if (events.isEmpty()) {
            throw DomainException.notFound("No project " + id);
        }
        commandGateway.sendAndWait(new org.tremplin.audit.api.RecordAuditReadCommand(user.getName(), CurrentUser.groups(user),
                "/api/projects/" + id + "/events", null));
        return events;
    }

    private static String revisionOf(Class<?> type) {
        org.axonframework.serialization.Revision revision = type.getAnnotation(org.axonframework.serialization.Revision.class);
        return revision == null ? null : revision.value();
    }

    private void send(ProjectView project, Object command) {
        Map<String, Object> metadata = new HashMap<>();
        if (project.processInstanceId() != null) {
            metadata.put("processInstanceId", project.processInstanceId());
            metadata.put("processDefinitionKey", ProjectLifecycleProcess.KEY);
        }
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
        readModels.catchUp();
    }

    private ProjectResponse summary(ProjectView p, String access, String note) {
        return new ProjectResponse(p.id(), p.title(), p.thematicAxis(), p.confidentiality(), p.carrierOrganisationId(),
                p.status(), access, note, null, null, null, p.submittedAt(), null, null, null, null, null, null, null);
    }

    private ProjectResponse file(ProjectView p, ProjectAccess.Relation relation, String userId, Instant at) {
        boolean insider = relation == ProjectAccess.Relation.STAFF || relation == ProjectAccess.Relation.AUDITOR;
        List<ProjectView.ReviewView> reviews = insider ? p.reviews()
                : relation == ProjectAccess.Relation.REVIEWER
                ? p.reviews().stream().filter(r -> r.reviewerId().equals(userId)).toList()
                : null;
        boolean communicated = p.conclusionsCommunicatedAt() != null;
        ProjectResponse.Label label = p.labelDecision() != null && (insider || communicated)
                ? new ProjectResponse.Label(p.labelDecision(), p.labelReasons(), p.averageScore(), p.labelDecidedAt())
                : null;
        ProjectResponse.Conclusions conclusions = communicated && (insider || relation == ProjectAccess.Relation.CARRIER
                || relation == ProjectAccess.Relation.PARTNER_WITH_NDA)
                ? new ProjectResponse.Conclusions(p.conclusionsCommunicatedAt(), p.labelDecision(), p.labelReasons(),
                p.conclusionsMessage(), p.reviews().stream()
                .map(r -> new ProjectResponse.ExpertConclusion("Expert " + r.position(), r.score(),
                        r.recommendation() == null ? null : r.recommendation().name(), r.conclusions()))
                .toList())
                : null;
        return new ProjectResponse(p.id(), p.title(), p.thematicAxis(), p.confidentiality(), p.carrierOrganisationId(),
                p.status(), "FILE", null, p.summary(), p.processInstanceId(), p.submittedBy(), p.submittedAt(),
                p.partners(), p.reviewDeadline(), reviews, label, conclusions, p.abandonReason(),
                insider || relation == ProjectAccess.Relation.CARRIER ? redress(p, at) : null);
    }

    /**
     * The redress as stored, or, for a communicated refusal not contested yet whose period still runs at {@code at},
     * an {@code OPEN} redress with the time left: the same period the project checks when the carrier contests (the
     * day the refusal was communicated, Paris time, plus {@code tremplin.labelling.redress-days}).
     */
    private ProjectResponse.Redress redress(ProjectView p, Instant at) {
        if (p.redress() != null || p.status() != org.tremplin.project.api.ProjectStatus.LABEL_REFUSED || p.conclusionsCommunicatedAt() == null) {
            return ProjectResponse.Redress.of(p.redress());
        }
        java.time.LocalDate deadline = redressRules.deadlineAfter(
                java.time.LocalDate.ofInstant(p.conclusionsCommunicatedAt(), org.tremplin.shared.ParisTime.ZONE));
        Instant until = org.tremplin.shared.ParisTime.endOfDay(deadline);
        if (!at.isBefore(until)) {
            return null;
        }
        long daysLeft = java.time.temporal.ChronoUnit.DAYS.between(
                java.time.LocalDate.ofInstant(at, org.tremplin.shared.ParisTime.ZONE), deadline);
        return new ProjectResponse.Redress(org.tremplin.project.api.RedressState.OPEN, deadline, until, daysLeft,
                null, null, p.conclusionsCommunicatedAt());
    }

    /**
     * Only the carrier's users or pole staff; to a caller who may not even see the project, the answer is the one for a
     * project that does not exist.
     */
    private void requireCarrierOrStaff(ProjectView project, Authentication user) {
        List<String> organisations = organisationsOf(user);
        if (!CurrentUser.hasGroup(user, Roles.POLE_STAFF) && !organisations.contains(project.carrierOrganisationId())) {
            if (ProjectAccess.level(project.confidentiality(), ProjectAccess.relation(project, user.getName(),
                    CurrentUser.groups(user), organisations)) == ProjectAccess.Level.NONE) {
                throw DomainException.notFound("No project " + project.id());
            }
            throw DomainException.forbidden("Only the carrier's users or pole staff may do this");
        }
    }

    /**
     * The project, for a partner organisation's step (join, decline, NDA): when the organisation is none of its partners
     * and the caller may not see the project, the answer is the one for a project that does not exist.
     */
    private ProjectView projectOfPartner(String id, String organisationId, Authentication user) {
        ProjectView project = project(id);
        if (project.partners().stream().noneMatch(p -> p.organisationId().equals(organisationId))
                && ProjectAccess.level(project.confidentiality(), ProjectAccess.relation(project, user.getName(),
                CurrentUser.groups(user), organisationsOf(user))) == ProjectAccess.Level.NONE) {
            throw DomainException.notFound("No project " + id);
        }
        return project;
    }

    private void requireActingFor(String organisationId, Authentication user) {
        if (!organisationsOf(user).contains(organisationId)) {
            throw DomainException.forbidden("You do not act for " + organisationId);
        }
    }

    private ProjectView project(String id) {
        return queryGateway.query(new FindProjectQuery(id), ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No project " + id));
    }

    private OrganisationView organisation(String id) {
        return queryGateway.query(new FindOrganisationQuery(id), ResponseTypes.optionalInstanceOf(OrganisationView.class))
                .join()
                .orElseThrow(() -> DomainException.ruleViolated("No member organisation " + id + "; register it first"));
    }

    private List<String> organisationsOf(Authentication user) {
        return queryGateway.query(new FindOrganisationsOfUserQuery(user.getName()),
                ResponseTypes.multipleInstancesOf(String.class)).join();
    }
}
