package org.tremplin.platform.process;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.type.EnumFormType;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.InputRules;
import org.tremplin.shared.Roles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The caller's user tasks and their completion with form data: the same forms, validation and process
 * steps as Tasklist, for API clients.
 */
@Service
public class UserTasks {

    private static final ZoneId PARIS = org.tremplin.shared.ParisTime.ZONE;

    private final TaskService taskService;
    private final FormService formService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final HistoryService historyService;
    private final ProcessEngineConfigurationImpl engineConfiguration;
    /** Process definition id to key: a deployed definition never changes. */
    private final Map<String, String> definitionKeys = new ConcurrentHashMap<>();
    /**
     * A task definition's form as a submission checks it, by process definition id and task definition key: the
     * fields, their types, which are required and an enum's values are the model's, the same for every task of that
     * definition (src/docs/performance.md, session 41).
     */
    private final Map<String, Map<String, StepField>> stepForms = new ConcurrentHashMap<>();
    /**
     * Off only to measure the former path (one engine command, hence one transaction, per lookup and per task:
     * process instance, definition, identity links, form, subject variables) against the page-at-once path.
     */
    private volatile boolean pageAtOnce = true;

    public UserTasks(TaskService taskService, FormService formService, RuntimeService runtimeService,
                     RepositoryService repositoryService, HistoryService historyService, ProcessEngine processEngine) {
        this.taskService = taskService;
        this.formService = formService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.historyService = historyService;
        this.engineConfiguration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }

    /**
     * A task as the API shows it; {@code subject} names what the task is about beyond the project when its process
     * knows it (the funder's call, the funder, the application, the convention, the round and investor, the project's or
     * round's title), so that parallel tasks of one project can be told apart and named in the reader's language.
     */
    public record TaskView(String id, String name, String description, String taskDefinitionKey,
                           String processDefinitionKey, String processInstanceId, String projectId, String assignee,
                           List<String> candidateGroups, Instant created, Instant due, Map<String, Object> subject,
                           List<FormFieldView> form) {
    }

    /** The process variables that identify a task's subject, when present. */
    static final List<String> SUBJECT_VARIABLES = List.of("callId", "funderId", "funderName", "applicationId", "conventionId",
            "organisationId", "partnerName", "roundId", "investorId", "title", "roundTitle");

    /**
     * A form field with its current value (what Tasklist pre-fills), for enums the allowed values, and the field's
     * properties from the model ({@code input=money} for an amount in euros, {@code input=textarea} for long text).
     */
    public record FormFieldView(String id, String label, String type, boolean required, Object defaultValue,
                                Object value, Map<String, String> values, Map<String, String> properties) {
    }

    /** Tasks assigned to the user, or offered to the user or one of the user's groups. */
    public List<TaskView> tasksOf(String userId, List<String> groups) {
        return tasksOf(userId, groups, null);
    }

    /** The same, for one project only when {@code projectId} is given. */
    public List<TaskView> tasksOf(String userId, List<String> groups, String projectId) {
        return select(userId, groups, projectId, Set.of(), 0, Integer.MAX_VALUE).tasks();
    }

    /**
     * The same, of these steps only (BPMN task ids such as {@code user_review_file}), of every project: the selection
     * made by the database, so that a page showing one kind of task does not read and build every task of the caller.
     */
    public List<TaskView> tasksOfSteps(String userId, List<String> groups, Set<String> taskDefinitionKeys) {
        if (taskDefinitionKeys.isEmpty()) {
            return List.of();
        }
        return select(userId, groups, null, taskDefinitionKeys, 0, Integer.MAX_VALUE).tasks();
    }

    /** One page of the caller's tasks, oldest first, and how many there are in all. */
    public record TaskPage(long total, List<TaskView> tasks) {
    }

    /**
     * One page of {@link #tasksOf(String, List, String)}: {@code limit} tasks from the {@code offset}-th (0-based), and
     * their number in all. Pole staff are offered every task of the pole's processes (tens of thousands at national
     * scale): a page reads and builds only its own tasks.
     */
    public TaskPage pageOf(String userId, List<String> groups, String projectId, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("A page starts at 0 or later and holds at least one task");
        }
        return select(userId, groups, projectId, Set.of(), offset, limit);
    }

    /**
     * The caller's open tasks, of one project and of some steps when given, from {@code offset}, at most {@code limit};
     * the total counted only when a page was asked and it may hold fewer than all.
     */
    private TaskPage select(String userId, List<String> groups, String projectId, Set<String> steps, int offset, int limit) {
        boolean oneProject = projectId != null && !projectId.isBlank();
        boolean whole = offset == 0 && limit == Integer.MAX_VALUE;
        List<String> stepList = List.copyOf(new TreeSet<>(steps));
        if (!pageAtOnce) {
            var query = taskService.createTaskQuery();
            if (oneProject) {
                query = query.processInstanceBusinessKey(projectId);
            }
            if (!stepList.isEmpty()) {
                query = query.taskDefinitionKeyIn(stepList.toArray(String[]::new));
            }
            query = query.or().taskAssignee(userId).taskCandidateUser(userId);
            if (!groups.isEmpty()) {
                query = query.taskCandidateGroupIn(groups);
            }
            // the id after the creation time, as the native query orders: tasks created in the same millisecond stay in one
            // order from page to page
            query = query.endOr().orderByTaskCreateTime().asc().orderByTaskId().asc();
            List<TaskView> views = (whole ? query.list() : query.listPage(offset, limit)).stream().map(this::view).toList();
            return new TaskPage(whole ? views.size() : query.count(), views);
        }
        return inOneCommand(context -> {
            List<String> offeredTo = offeredTo(context, userId, groups);
            var query = offeredTasks(false, oneProject, projectId, stepList, userId, offeredTo);
            List<Task> tasks = whole ? query.list() : query.listPage(offset, limit);
            // a page cut short is the last one: the total follows from it, without counting
            long total = whole || (tasks.size() < limit && (offset == 0 || !tasks.isEmpty())) ? offset + tasks.size()
                    : offeredTasks(true, oneProject, projectId, stepList, userId, offeredTo).count();
            return new TaskPage(total, views(context, tasks));
        });
    }

    /** The native query of the tasks offered to the user or {@code offeredTo}, or of their number. */
    private org.camunda.bpm.engine.task.NativeTaskQuery offeredTasks(boolean count, boolean oneProject, String projectId,
                                                                    List<String> steps, String userId, List<String> offeredTo) {
        var query = taskService.createNativeTaskQuery().sql(tasksSql(count, oneProject, steps.size(), offeredTo.size()))
                .parameter("userId", userId);
        if (oneProject) {
            query = query.parameter("projectId", projectId);
        }
        for (int i = 0; i < steps.size(); i++) {
            query = query.parameter("step" + i, steps.get(i));
        }
        for (int i = 0; i < offeredTo.size(); i++) {
            query = query.parameter("group" + i, offeredTo.get(i));
        }
        return query;
    }

    /** The groups given and the user's own, as taskCandidateUser adds them (read as the task query reads them). */
    private static List<String> offeredTo(CommandContext context, String userId, List<String> groups) {
        List<String> offeredTo = new ArrayList<>(groups);
        context.getReadOnlyIdentityProvider().createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .filter(group -> !offeredTo.contains(group)).forEach(offeredTo::add);
        return offeredTo;
    }

    /**
     * The open tasks assigned to the user, or unassigned and offered to the user or one of the groups (a candidate
     * identity link; the groups given and the user's own), oldest first; of one project's processes (their business
     * key, {@code #{projectId}}) and of some steps ({@code #{step0}}, ...) when asked; their number when {@code count}.
     * The very tasks the task query {@code processInstanceBusinessKey(projectId).or().taskAssignee(u).taskCandidateUser(u)
     * .taskCandidateGroupIn(groups).endOr()} finds, in plain SQL: that query's dynamic SQL (hundreds of MyBatis
     * conditions, each evaluated through OGNL) cost more to build than to run, 11 % of a labelling's request time on
     * PostgreSQL (profiled, src/docs/performance.md). Its authorization check is not repeated here: what a user is
     * assigned or offered is what the engine grants that user on the task. With {@code offeredGroups} null, every open
     * task whoever it is offered to (pole staff's rule for a completion).
     */
    private String tasksSql(boolean count, boolean oneProject, int steps, Integer offeredGroups) {
        String tasks = engineConfiguration.getManagementService().getTableName(Task.class);
        String links = engineConfiguration.getManagementService().getTableName(IdentityLinkEntity.class);
        String executions = engineConfiguration.getManagementService().getTableName(ExecutionEntity.class);
        StringBuilder sql = new StringBuilder(count ? "SELECT count(*) FROM " : "SELECT RES.* FROM ").append(tasks).append(" RES");
        if (oneProject) {
            sql.append(" INNER JOIN ").append(executions)
                    .append(" E ON E.ID_ = RES.PROC_INST_ID_ AND E.BUSINESS_KEY_ = #{projectId}");
        }
        sql.append(" WHERE ");
        if (steps == 0) {
            sql.append("1 = 1");
        } else {
            sql.append("RES.TASK_DEF_KEY_ IN (");
            for (int i = 0; i < steps; i++) {
                sql.append(i == 0 ? "" : ", ").append("#{step").append(i).append('}');
            }
            sql.append(')');
        }
        if (offeredGroups != null) {
            sql.append(" AND (RES.ASSIGNEE_ = #{userId} OR (RES.ASSIGNEE_ IS NULL AND EXISTS (SELECT 1 FROM ").append(links)
                    .append(" I WHERE I.TASK_ID_ = RES.ID_ AND I.TYPE_ = 'candidate' AND (I.USER_ID_ = #{userId}");
            if (offeredGroups > 0) {
                sql.append(" OR I.GROUP_ID_ IN (");
                for (int i = 0; i < offeredGroups; i++) {
                    sql.append(i == 0 ? "" : ", ").append("#{group").append(i).append('}');
                }
                sql.append(')');
            }
            sql.append("))))");
        }
        return count ? sql.toString() : sql.append(" ORDER BY RES.CREATE_TIME_ ASC, RES.ID_ ASC").toString();
    }

    /**
     * Completes the caller's one open task of a step ({@code taskDefinitionKey}) in the processes of a project, with
     * its form's values: the task the caller could complete by its id (assigned, or offered to the caller or one of
     * the caller's groups; any task for pole staff), found without a task list first. A client that knows the project
     * and the step (a reviewer's review, the carrier's consortium) needs one request instead of two.
     *
     * <p>None open: 404, as for a task id that is not the caller's, or 409 when such a task of the step was the
     * caller's and has been completed (by the caller earlier or by someone else meanwhile: two people at once, one
     * winner). Several open (two parallel tasks of one step both the caller's): 409, naming them, to be completed by
     * their ids. The completion itself is {@link #complete}'s: same validation, same process step, same races.
     *
     * @return the completed task's id
     */
    public String completeStep(String projectId, String taskDefinitionKey, String userId, List<String> groups,
                               Map<String, Object> values) {
        // the open task and its form in one command (one transaction), the task read once
        StepTask found;
        try {
            found = inOneCommand(context -> {
                List<String> ids = openTasksOfStep(context, projectId, taskDefinitionKey, userId, groups);
                return new StepTask(ids, pageAtOnce && ids.size() == 1 ? formFields(ids.get(0), userId, groups) : null);
            });
        } catch (DomainException refused) {
            throw refused;
        } catch (RuntimeException failure) {
            // the task found open, then completed by someone else while its form was read: the look-up lost the race.
            // Camunda's own read of the task's identity links fails with a NullPointerException inside the engine
            // when the task's execution was deleted meanwhile (seen under load in ConcurrentWritesPostgresIT): a 409
            // too, not a 500. Any other failure stays what it is.
            if (!ConcurrentWrites.isRace(failure) && !ConcurrentWrites.isEngineReadOfVanishedEntity(failure)) {
                throw failure;
            }
            boolean completed;
            try {
                completed = completedAlready(projectId, taskDefinitionKey, userId, groups);
            } catch (RuntimeException lookup) {
                failure.addSuppressed(lookup);
                throw failure;
            }
            if (completed) {
                DomainException conflict = DomainException.conflict(ConcurrentWrites.TASK_COMPLETED_MEANWHILE);
                conflict.initCause(failure);
                throw conflict;
            }
            throw failure;
        }
        List<String> open = found.open();
        if (open.size() > 1) {
            throw DomainException.conflict("Several open tasks " + taskDefinitionKey + " of project " + projectId
                    + " are open for you (" + String.join(", ", open) + "): complete one by its id, POST /api/tasks/{taskId}/complete");
        }
        if (open.isEmpty()) {
            if (completedAlready(projectId, taskDefinitionKey, userId, groups)) {
                throw DomainException.conflict("The task " + taskDefinitionKey + " of project " + projectId
                        + " was completed already (by you earlier, or by someone else meanwhile) and none is open for you now;"
                        + " nothing of your request was stored.");
            }
            throw DomainException.notFound("No open task " + taskDefinitionKey + " of project " + projectId
                    + " for you (the project may not have reached this step, or the step is someone else's)");
        }
        complete(open.get(0), userId, groups, values, found.fields());
        return open.get(0);
    }

    /** Whether a task of this step that the caller could have completed has been completed. */
    private boolean completedAlready(String projectId, String taskDefinitionKey, String userId, List<String> groups) {
        return historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(projectId)
                .taskDefinitionKey(taskDefinitionKey).finished().list().stream()
                .anyMatch(task -> completedMeanwhile(task.getId(), userId, groups));
    }

    /** The open tasks of a step that the caller may complete, and the form of the one task when there is one. */
    private record StepTask(List<String> open, Map<String, StepField> fields) {
    }

    /**
     * A form field as a submission checks it: its id, its type's name, whether it is required, and for an enum its
     * values (id to label). Read from Camunda's form data of the first task of its definition, then kept.
     */
    record StepField(String id, String typeName, boolean required, Map<String, String> values) {

        static StepField of(FormField field) {
            return new StepField(field.getId(), field.getTypeName(), isRequired(field),
                    field.getType() instanceof EnumFormType
                            ? Collections.unmodifiableMap(new LinkedHashMap<>(enumValues(field))) : Map.of());
        }
    }

    /**
     * The ids of the open tasks of one step of a project's processes that the caller may complete: for pole staff every
     * one, for others those assigned to them or unassigned and offered to them or their groups (the task list's rule).
     */
    private List<String> openTasksOfStep(CommandContext context, String projectId, String taskDefinitionKey, String userId,
                                         List<String> groups) {
        boolean staff = groups.contains(Roles.POLE_STAFF);
        List<String> offeredTo = staff ? List.of() : offeredTo(context, userId, groups);
        var query = taskService.createNativeTaskQuery()
                .sql(tasksSql(false, true, 1, staff ? null : offeredTo.size()))
                .parameter("projectId", projectId).parameter("step0", taskDefinitionKey);
        if (!staff) {
            query = query.parameter("userId", userId);
            for (int i = 0; i < offeredTo.size(); i++) {
                query = query.parameter("group" + i, offeredTo.get(i));
            }
        }
        return query.list().stream().map(Task::getId).toList();
    }

    public TaskView task(String taskId, String userId, List<String> groups) {
        if (!pageAtOnce) {
            return view(visibleTask(taskId, userId, groups));
        }
        return inOneCommand(context -> views(context, List.of(visibleTask(taskId, userId, groups))).get(0));
    }

    /**
     * Runs the lookups in one engine command: one transaction and one connection instead of one per call, and the
     * engine's entity cache shared by every call made inside (the services reuse the open command context), so a
     * task, its executions and their variables are read once for its form, its subject and its project.
     */
    private <T> T inOneCommand(Command<T> work) {
        return engineConfiguration.getCommandExecutorTxRequired().execute(work);
    }

    /**
     * Completes the task with its form's values; a refused step leaves the task open and stores nothing. When someone
     * else completed the task meanwhile (two clicks at once), the loser is told so: a conflict (409), whatever way its own
     * attempt failed (the submission's own races are explained by {@link TaskCompletionRaces}).
     */
    public void complete(String taskId, String userId, List<String> groups, Map<String, Object> values) {
        complete(taskId, userId, groups, values, null);
    }

    /** As {@link #complete(String, String, List, Map)}, with the task's form fields when already read (else null). */
    private void complete(String taskId, String userId, List<String> groups, Map<String, Object> values,
                          Map<String, StepField> fieldsRead) {
        try {
            completeVisible(taskId, userId, groups, values, fieldsRead);
        } catch (DomainException refused) {
            throw refused;
        } catch (RuntimeException failure) {
            boolean meanwhile;
            try {
                meanwhile = completedMeanwhile(taskId, userId, groups);
            } catch (RuntimeException lookup) {
                failure.addSuppressed(lookup);
                throw failure;
            }
            if (meanwhile) {
                DomainException conflict = DomainException.conflict(ConcurrentWrites.TASK_COMPLETED_MEANWHILE);
                conflict.initCause(failure);
                throw conflict;
            }
            throw failure;
        }
    }

    private void completeVisible(String taskId, String userId, List<String> groups, Map<String, Object> values,
                                 Map<String, StepField> fieldsRead) {
        // the checks read in one command; the submission runs in its own, outside any transaction, as TaskCompletionRaces
        // needs to read the history after a losing attempt was rolled back
        Map<String, StepField> fields = fieldsRead != null ? fieldsRead
                : pageAtOnce ? inOneCommand(context -> formFields(taskId, userId, groups))
                : formFields(taskId, userId, groups);
        Map<String, Object> input = values == null ? Map.of() : values;
        Set<String> unknown = new TreeSet<>(input.keySet());
        unknown.removeAll(fields.keySet());
        if (!unknown.isEmpty()) {
            throw DomainException.invalid("Unknown field(s) " + unknown + "; this task's form has " + fields.keySet());
        }
        VariableMap submitted = Variables.createVariables();
        List<String> problems = new ArrayList<>();
        for (StepField field : fields.values()) {
            Object raw = input.get(field.id());
            if (raw == null) {
                if (field.required() && !"boolean".equals(field.typeName())) {
                    problems.add(field.id() + " is required");
                }
                continue;
            }
            try {
                submitted.putValueTyped(field.id(), convert(field, raw));
            } catch (DomainException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(String.join("; ", problems));
        }
        try {
            formService.submitTaskForm(taskId, submitted);
        } catch (FormFieldValidationException | FormFieldValidatorException e) {
            throw DomainException.invalid(e.getMessage());
        } catch (ProcessEngineException e) {
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof DomainException domain) {
                    throw domain;
                }
                if (cause instanceof FormFieldValidationException || cause instanceof FormFieldValidatorException) {
                    throw DomainException.invalid(cause.getMessage());
                }
                cause = cause.getCause();
            }
            throw e;
        }
    }

    /**
     * The form of a task the caller may complete. Camunda's form data of a task evaluates every field's default value
     * and reads its current value from the task's execution (the execution and its variables loaded for it); a
     * submission needs none of that, only what the model says of each field, which is the same for every task of the
     * definition: read once per definition, then kept.
     */
    private Map<String, StepField> formFields(String taskId, String userId, List<String> groups) {
        Task task = visibleTask(taskId, userId, groups);
        if (task.getProcessDefinitionId() == null) {
            return stepForm(taskId); // a task outside any process: its own form
        }
        String definition = task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
        Map<String, StepField> form = stepForms.get(definition);
        if (form == null) {
            form = stepForm(taskId);
            stepForms.putIfAbsent(definition, form);
        }
        return form;
    }

    private Map<String, StepField> stepForm(String taskId) {
        Map<String, StepField> fields = new LinkedHashMap<>();
        formService.getTaskFormData(taskId).getFormFields().forEach(field -> fields.put(field.getId(), StepField.of(field)));
        return Collections.unmodifiableMap(fields);
    }

    private Task visibleTask(String taskId, String userId, List<String> groups) {
        // inside a command, the task by its id (and kept in the command's cache for the calls that follow) rather than
        // through a task query, whose dynamic SQL costs more to build than the lookup itself
        CommandContext context = org.camunda.bpm.engine.impl.context.Context.getCommandContext();
        Task task = context != null ? context.getTaskManager().findTaskById(taskId)
                : taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            if (completedMeanwhile(taskId, userId, groups)) {
                throw DomainException.conflict(ConcurrentWrites.TASK_COMPLETED_MEANWHILE);
            }
            throw noOpenTask(taskId);
        }
        boolean staffOrAssignee = userId.equals(task.getAssignee()) || groups.contains(Roles.POLE_STAFF);
        // the task's identity links read only when neither staff nor assignee decides it
        if (!staffOrAssignee && taskService.getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .noneMatch(link -> userId.equals(link.getUserId())
                        || (link.getGroupId() != null && groups.contains(link.getGroupId())))) {
            throw noOpenTask(taskId);
        }
        return task;
    }

    /** A task that is not offered to the caller answers exactly as one that does not exist (or no longer does). */
    private static DomainException noOpenTask(String taskId) {
        return DomainException.notFound("No open task " + taskId + " for you (it may have been completed already)");
    }

    /**
     * True when the task existed, was offered to the user (assignee, candidate user or group, or pole staff) and has
     * been completed: a "completed meanwhile", told apart from a task that never existed or was never the user's (404).
     */
    private boolean completedMeanwhile(String taskId, String userId, List<String> groups) {
        HistoricTaskInstance history = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (history == null || history.getEndTime() == null) {
            return false;
        }
        if (userId.equals(history.getAssignee()) || groups.contains(Roles.POLE_STAFF)) {
            return true;
        }
        return historyService.createHistoricIdentityLinkLogQuery().taskId(taskId).type(IdentityLinkType.CANDIDATE).list()
                .stream().anyMatch(link -> userId.equals(link.getUserId())
                        || (link.getGroupId() != null && groups.contains(link.getGroupId())));
    }

    private static boolean isRequired(FormField field) {
        return field.getValidationConstraints().stream().map(FormFieldValidationConstraint::getName)
                .anyMatch("required"::equals);
    }

    private static org.camunda.bpm.engine.variable.value.TypedValue convert(StepField field, Object raw) {
        String id = field.id();
        switch (field.typeName()) {
            case "string":
                if (raw instanceof String text) {
                    return Variables.stringValue(InputRules.checkedText(text, id));
                }
                throw DomainException.invalid(id + " must be text");
            case "long":
                if (raw instanceof Integer || raw instanceof Long) {
                    return Variables.longValue(((Number) raw).longValue());
                }
                throw DomainException.invalid(id + " must be a whole number");
            case "boolean":
                if (raw instanceof Boolean flag) {
                    return Variables.booleanValue(flag);
                }
                throw DomainException.invalid(id + " must be true or false");
            case "date":
                if (raw instanceof String text) {
                    try {
                        LocalDate date = InputRules.checkedDate(LocalDate.parse(text), id);
                        return Variables.dateValue(Date.from(date.atStartOfDay(PARIS).toInstant()));
                    } catch (DateTimeParseException e) {
                        throw DomainException.invalid(id + " must be a date like 2027-03-31");
                    }
                }
                throw DomainException.invalid(id + " must be a date like 2027-03-31");
            case "enum":
                Map<String, String> values = field.values();
                if (raw instanceof String text && values.containsKey(text)) {
                    return Variables.stringValue(text);
                }
                throw DomainException.invalid(id + " must be one of " + values.keySet());
            default:
                throw DomainException.invalid(id + " has an unsupported type " + field.typeName());
        }
    }

    /**
     * The views of a page of tasks, inside one command: the candidate groups of the whole page in one query, each
     * project (the process instance's business key) from the execution the form and subject read anyway, the
     * definition key from a cache.
     */
    private List<TaskView> views(CommandContext context, List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> candidateGroups = candidateGroups(context, tasks);
        List<TaskView> views = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            ExecutionEntity instance = context.getExecutionManager().findExecutionById(task.getProcessInstanceId());
            List<FormFieldView> form = form(task);
            Map<String, Object> subject = subject(task);
            views.add(new TaskView(task.getId(), task.getName(), task.getDescription(), task.getTaskDefinitionKey(),
                    definitionKey(task.getProcessDefinitionId()), task.getProcessInstanceId(),
                    instance == null ? null : instance.getBusinessKey(), task.getAssignee(),
                    candidateGroups.getOrDefault(task.getId(), List.of()), task.getCreateTime().toInstant(),
                    task.getDueDate() == null ? null : task.getDueDate().toInstant(), subject, form));
        }
        return views;
    }

    private String definitionKey(String processDefinitionId) {
        String key = definitionKeys.get(processDefinitionId);
        if (key == null) {
            key = repositoryService.getProcessDefinition(processDefinitionId).getKey();
            definitionKeys.put(processDefinitionId, key);
        }
        return key;
    }

    /** Task id to its candidate groups (sorted), for a page of tasks in one query on the engine's connection. */
    private Map<String, List<String>> candidateGroups(CommandContext context, List<Task> tasks) {
        Map<String, List<String>> groups = new HashMap<>();
        String sql = "SELECT TASK_ID_, GROUP_ID_ FROM " + engineConfiguration.getDatabaseTablePrefix()
                + "ACT_RU_IDENTITYLINK WHERE TYPE_ = ? AND GROUP_ID_ IS NOT NULL AND TASK_ID_ IN ("
                + String.join(",", Collections.nCopies(tasks.size(), "?")) + ")";
        Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, IdentityLinkType.CANDIDATE);
            for (int i = 0; i < tasks.size(); i++) {
                statement.setString(i + 2, tasks.get(i).getId());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    groups.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not read the candidate groups of " + tasks.size() + " task(s)", e);
        }
        groups.replaceAll((id, names) -> names.stream().sorted().toList());
        return groups;
    }

    private List<FormFieldView> form(Task task) {
        return formService.getTaskFormData(task.getId()).getFormFields().stream()
                .map(field -> new FormFieldView(field.getId(), field.getLabel(), field.getTypeName(), isRequired(field),
                        field.getDefaultValue(), field.getValue() == null ? null : field.getValue().getValue(),
                        field.getType() instanceof EnumFormType ? enumValues(field) : null,
                        field.getProperties() == null ? Map.of() : Map.copyOf(field.getProperties())))
                .toList();
    }

    private TaskView view(Task task) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult();
        String definitionKey = repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        List<String> candidateGroups = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).sorted().toList();
        List<FormFieldView> form = form(task);
        return new TaskView(task.getId(), task.getName(), task.getDescription(), task.getTaskDefinitionKey(),
                definitionKey, task.getProcessInstanceId(), instance == null ? null : instance.getBusinessKey(),
                task.getAssignee(), candidateGroups, task.getCreateTime().toInstant(),
                task.getDueDate() == null ? null : task.getDueDate().toInstant(), subject(task), form);
    }

    private Map<String, Object> subject(Task task) {
        Map<String, Object> subject = new java.util.TreeMap<>();
        taskService.getVariables(task.getId(), SUBJECT_VARIABLES).forEach((name, value) -> {
            if (value != null) {
                subject.put(name, value);
            }
        });
        return subject;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> enumValues(FormField field) {
        return (Map<String, String>) field.getType().getInformation("values");
    }
}
