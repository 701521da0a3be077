package org.tremplin.project.process;

import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.junit.jupiter.api.Test;
import org.tremplin.organisation.api.FindSmeReferentQuery;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.shared.Roles;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * {@link SmeReferentTasks} when the read models cannot be queried: the task is left as it was and the step goes on.
 * A failing query cannot be provoked in the shared application without breaking other tests, so the listener gets
 * a task and a query gateway of its own here (plain proxies answering only what it asks); the path where the query
 * answers is also run, so that the test would fail if the listener did nothing at all. The real-engine path is
 * covered by {@code ReferentScenarios}.
 */
class SmeReferentTasksTest {

    private static final String CARRIER = "SIREN-552100554";

    @Test
    void a_failed_query_leaves_the_task_to_pole_staff_and_does_not_fail_the_step() {
        List<String> candidates = new ArrayList<>();
        SmeReferentTasks listener = new SmeReferentTasks(gateway(query ->
                CompletableFuture.failedFuture(new IllegalStateException("read model unavailable"))));

        assertThatCode(() -> listener.onCreate(staffTask(candidates))).doesNotThrowAnyException();
        assertThat(candidates).isEmpty();

        SmeReferentTasks throwing = new SmeReferentTasks(gateway(query -> {
            throw new IllegalStateException("no handler");
        }));
        assertThatCode(() -> throwing.onCreate(staffTask(candidates))).doesNotThrowAnyException();
        assertThat(candidates).isEmpty();
    }

    @Test
    void when_the_query_answers_the_referent_of_an_sme_carrier_is_offered_the_task() {
        List<String> candidates = new ArrayList<>();
        List<Object> asked = new ArrayList<>();
        SmeReferentTasks listener = new SmeReferentTasks(referentOfCarrier(asked));

        listener.onCreate(staffTask(candidates));

        assertThat(candidates).containsExactly("claire");
        assertThat(asked).containsExactly(new FindSmeReferentQuery(CARRIER));
    }

    /**
     * A labelling's task: the labelling does not copy the carrier, the lifecycle that called it has it; the read
     * model of projects is not asked.
     */
    @Test
    void in_the_labelling_the_carrier_is_read_from_the_calling_lifecycle() {
        List<String> candidates = new ArrayList<>();
        List<Object> asked = new ArrayList<>();
        SmeReferentTasks listener = new SmeReferentTasks(referentOfCarrier(asked));

        listener.onCreate(task(candidates, execution(execution(null, CARRIER), null)));

        assertThat(candidates).containsExactly("claire");
        assertThat(asked).containsExactly(new FindSmeReferentQuery(CARRIER));
    }

    /** Started without a calling lifecycle (no variable anywhere): the project's read model names the carrier. */
    @Test
    void without_the_variable_the_project_read_model_names_the_carrier() {
        List<String> candidates = new ArrayList<>();
        List<Object> asked = new ArrayList<>();
        SmeReferentTasks listener = new SmeReferentTasks(gateway(query -> {
            asked.add(query);
            return CompletableFuture.completedFuture(query instanceof FindProjectQuery ? Optional.empty() : Optional.of("claire"));
        }));

        listener.onCreate(task(candidates, execution(null, null)));

        assertThat(candidates).isEmpty();
        assertThat(asked).containsExactly(new FindProjectQuery("PRJ-1"));
    }

    /** Answers "claire" as the SME referent of {@link #CARRIER}, nothing else; every query asked is kept. */
    private static QueryGateway referentOfCarrier(List<Object> asked) {
        return gateway(query -> {
            asked.add(query);
            return CompletableFuture.completedFuture(query instanceof FindSmeReferentQuery referent
                    && CARRIER.equals(referent.organisationId()) ? Optional.of("claire") : Optional.empty());
        });
    }

    private static QueryGateway gateway(Function<Object, CompletableFuture<?>> answer) {
        return (QueryGateway) Proxy.newProxyInstance(QueryGateway.class.getClassLoader(), new Class<?>[]{QueryGateway.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("query") && args != null && args.length == 2) {
                        return answer.apply(args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DelegateTask staffTask(List<String> candidates) {
        return task(candidates, execution(null, CARRIER));
    }

    /**
     * A staff task just created, which runs in {@code execution}: asking the task itself for a variable fails the test
     * (on the engine it costs a query of the task's own variables, which a task just created does not have).
     */
    private static DelegateTask task(List<String> candidates, DelegateExecution execution) {
        IdentityLink staff = (IdentityLink) Proxy.newProxyInstance(IdentityLink.class.getClassLoader(),
                new Class<?>[]{IdentityLink.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getType" -> IdentityLinkType.CANDIDATE;
                    case "getGroupId" -> Roles.POLE_STAFF;
                    default -> null;
                });
        return (DelegateTask) Proxy.newProxyInstance(DelegateTask.class.getClassLoader(), new Class<?>[]{DelegateTask.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getEventName" -> "create";
                    case "getCandidates" -> Set.of(staff);
                    case "getProcessDefinitionId" -> LabellingProcess.KEY + ":1:42";
                    case "getId" -> "task-1";
                    case "getTaskDefinitionKey" -> "user_assign_reviewers";
                    case "getExecution" -> execution;
                    case "addCandidateUser" -> {
                        candidates.add((String) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * A process instance's execution of project PRJ-1, called by {@code caller} (none when null), holding
     * {@code carrier} (none when null).
     */
    private static DelegateExecution execution(DelegateExecution caller, String carrier) {
        return (DelegateExecution) Proxy.newProxyInstance(DelegateExecution.class.getClassLoader(),
                new Class<?>[]{DelegateExecution.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProcessInstance" -> proxy;
                    case "getSuperExecution" -> caller;
                    case "getVariable" -> ProjectLifecycleProcess.Variables.CARRIER_ORGANISATION_ID.equals(args[0]) ? carrier
                            : "projectId".equals(args[0]) ? "PRJ-1" : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
