package org.tremplin.platform.process;

import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tremplin.shared.DomainException;

import java.lang.reflect.Field;
import java.util.ArrayList;

/**
 * One winner, one clean loser for a task completed twice at once (and a message correlated twice), whatever the door: the API (which submits the form),
 * Tasklist (submit-form) and the engine REST (complete or submit-form) all run Camunda's {@code CompleteTaskCmd} or
 * {@code SubmitTaskFormCmd}. The loser of such a race fails in many ways: Camunda's optimistic lock, the event store's
 * unique key, "Cannot find task" once the winner has committed, or even a listener's refusal ("not offered to you")
 * when it read the task's candidates half deleted. Whatever the failure, when the task has meanwhile been completed
 * (its history has an end time) the loser is told so: a {@link DomainException#conflict} that every door answers with
 * 409. A task that never existed is a 404 ({@link DomainException#notFound}); a genuine refusal on a task still open keeps its own.
 * <p>
 * The interceptor runs before Camunda's transaction interceptor, so the history is read after the loser's
 * transaction was rolled back; inside a caller's own transaction it cannot see past that, and only names the race.
 */
@Component
public class TaskCompletionRaces extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new Interceptor(configuration));
    }

    static final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof CorrelateMessageCmd || command instanceof CorrelateAllMessageCmd) {
                try {
                    return next.execute(command);
                } catch (ProcessEngineException vanished) {
                    if (!ConcurrentWrites.isVanishedMeanwhile(vanished)) {
                        throw vanished;
                    }
                    // the executions or the subscription the message was correlated to were ended or consumed by a
                    // concurrent step before ours could use them ("Cannot restore state of process instance ...: list of
                    // executions is empty", "Execution ... does not have a subscription to a message event ...")
                    DomainException conflict = DomainException.conflict(ConcurrentWrites.CHANGED_MEANWHILE);
                    conflict.initCause(vanished);
                    throw conflict;
                }
            }
            if (!(command instanceof CompleteTaskCmd) && !(command instanceof SubmitTaskFormCmd)) {
                return next.execute(command);
            }
            try {
                return next.execute(command);
            } catch (RuntimeException failure) {
                DomainException conflict = explain(taskId(command), failure);
                if (conflict == null) {
                    throw failure;
                }
                conflict.initCause(failure);
                throw conflict;
            }
        }

        private DomainException explain(String taskId, RuntimeException failure) {
            if (taskId != null && !TransactionSynchronizationManager.isActualTransactionActive()) {
                try {
                    HistoricTaskInstance history = historyOf(taskId);
                    if (history != null && history.getEndTime() != null) {
                        return "completed".equals(history.getDeleteReason()) || history.getDeleteReason() == null
                                ? DomainException.conflict(ConcurrentWrites.TASK_COMPLETED_MEANWHILE)
                                : DomainException.conflict("This task was closed meanwhile (" + history.getDeleteReason()
                                        + "); nothing of your request was stored.");
                    }
                } catch (RuntimeException lookup) {
                    failure.addSuppressed(lookup);
                }
            }
            if (ConcurrentWrites.isRace(failure)) {
                return DomainException.conflict(ConcurrentWrites.CHANGED_MEANWHILE);
            }
            if (failure instanceof NullValueException && String.valueOf(failure.getMessage()).startsWith("Cannot find task")) {
                return DomainException.notFound("No open task " + taskId);
            }
            return null;
        }

        /**
         * The task's history, read whatever the caller's own authorizations (an engine REST user may complete a task
         * without being allowed to read the history of its process).
         */
        private HistoricTaskInstance historyOf(String taskId) {
            return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
                commandContext.disableAuthorizationCheck();
                try {
                    return configuration.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
                } finally {
                    commandContext.enableAuthorizationCheck();
                }
            });
        }

        /** The task id both commands keep in a protected field (they offer no getter). */
        private static String taskId(Command<?> command) {
            Class<?> type = command.getClass();
            while (type != null && type != Object.class) {
                try {
                    Field field = type.getDeclaredField("taskId");
                    field.setAccessible(true);
                    Object value = field.get(command);
                    return value instanceof String id ? id : null;
                } catch (NoSuchFieldException e) {
                    type = type.getSuperclass();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
            return null;
        }
    }
}
