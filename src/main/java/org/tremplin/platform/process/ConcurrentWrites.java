package org.tremplin.platform.process;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.tremplin.shared.DomainException;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a lost race from a real error, whatever the door (API, Tasklist, engine REST). Two writes to the same task,
 * process or aggregate meet either Camunda's optimistic lock ({@link OptimisticLockingException}: a row changed since
 * it was read) or the event store's unique (aggregate id, sequence number) key (Axon's {@link ConcurrencyException} /
 * {@link AggregateStreamCreationException}, or an {@link EventStoreException} or plain SQL exception wrapping the
 * database's unique violation, SQL state 23505 on H2 and PostgreSQL). Either way the winner's step is kept whole, the
 * loser's is rolled back whole, and the loser should be told so (409), not shown an internal error.
 */
public final class ConcurrentWrites {

    /** What a loser is told when its record was changed by a concurrent request. */
    public static final String CHANGED_MEANWHILE =
            "Someone changed this record at the same time; nothing of your request was stored. Reload it and try again.";

    /** What a loser is told when the task it completed was completed by someone else first. */
    public static final String TASK_COMPLETED_MEANWHILE =
            "This task was completed by someone else meanwhile; nothing of your request was stored.";

    /** SQL state of a unique-key violation (SQL standard; H2 and PostgreSQL both use it). */
    static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL: serialization failure and deadlock, both "try again" answers to a concurrent write. */
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";

    private ConcurrentWrites() {
    }

    /** True when the failure is a lost race between concurrent writes (anywhere in its causes). */
    public static boolean isRace(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current != null && seen.put(current, Boolean.TRUE) == null && seen.size() < 50) {
            if (current instanceof DomainException) {
                return false;
            }
            if (current instanceof OptimisticLockingException || current instanceof ConcurrencyException
                    || current instanceof AggregateStreamCreationException || isDuplicateKey(current)) {
                return true;
            }
            if (current instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK.equals(state)) {
                    return true;
                }
            }
            current = current.getCause();
        }
        return false;
    }

    /**
     * True when Camunda's engine itself failed on a null entity: a read inside one command of an entity a concurrent
     * step deleted meanwhile (a completed task's execution, read for its identity links' authorization check) ends in a
     * {@link NullPointerException} thrown from the engine's code, not in an engine exception.
     */
    public static boolean isEngineReadOfVanishedEntity(Throwable failure) {
        if (!(failure instanceof NullPointerException)) {
            return false;
        }
        StackTraceElement[] trace = failure.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.camunda.bpm.engine.");
    }

    /**
     * True when a message correlation found that the executions or the subscription it was correlated to were ended or
     * consumed by a concurrent step before it could use them ("Cannot restore state of process instance ...: list of
     * executions is empty", "Execution ... does not have a subscription to a message event ..."): a lost race.
     */
    public static boolean isVanishedMeanwhile(Throwable failure) {
        if (failure instanceof org.camunda.bpm.engine.MismatchingMessageCorrelationException) {
            return false;
        }
        String message = String.valueOf(failure.getMessage());
        return message.contains("Cannot restore state") || message.contains("list of executions is empty")
                || message.contains("Cannot find execution")
                || message.contains("does not have a subscription to a message event");
    }

    /**
     * True when the exception, one of its causes or one of their chained SQL exceptions (a batch insert reports the
     * violation as the "next" exception) is a unique-key violation.
     */
    public static boolean isDuplicateKey(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current != null && seen.put(current, Boolean.TRUE) == null && seen.size() < 50) {
            if (current instanceof SQLIntegrityConstraintViolationException violation
                    && (violation.getSQLState() == null || UNIQUE_VIOLATION.equals(violation.getSQLState()))) {
                return true;
            }
            if (current instanceof SQLException sql) {
                SQLException chained = sql;
                int depth = 0;
                while (chained != null && depth++ < 20) {
                    if (UNIQUE_VIOLATION.equals(chained.getSQLState())) {
                        return true;
                    }
                    chained = chained.getNextException();
                }
            }
            current = current.getCause();
        }
        return false;
    }

    /** The refusal in the failure's causes, if any: the step was refused by a business rule. */
    public static DomainException refusal(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current != null && seen.put(current, Boolean.TRUE) == null && seen.size() < 50) {
            if (current instanceof DomainException domain) {
                return domain;
            }
            current = current.getCause();
        }
        return null;
    }
}
