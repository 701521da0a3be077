package org.tremplin.platform.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

import org.springframework.transaction.TransactionSystemException;
import org.tremplin.platform.config.CommittedEvents;

/**
 * A request that failed because the database could not be reached, told apart from any other failure by its cause
 * chain: the pool found no connection in time (Hikari's {@link SQLTransientConnectionException}, after
 * {@code spring.datasource.hikari.connection-timeout}, 30 s by default), or a statement's connection failed (SQL state
 * class {@code 08}, "connection exception", which PostgreSQL's driver gives for a refused or broken connection; and
 * {@code 57P01} to {@code 57P03}, the server shutting down or not yet accepting connections). The person is told to try
 * again shortly ({@code 503} with {@code Retry-After}) rather than that something unexpected failed, by the API
 * ({@link ProblemDetailsAdvice}) and the console alike.
 */
public enum DatabaseOutOfReach {

    /** No connection was obtained, and the request had committed nothing before: nothing of it was stored. */
    NOT_CONNECTED("The database is out of reach, so the request was not carried out and nothing was stored. Try again"
            + " in a few seconds."),
    /**
     * A connection broke during the request (if it broke while the step was being committed, the database alone knows
     * whether it was), or no connection was obtained after the request had already committed a step (its answer was
     * being made): the person is told to look before sending it again.
     */
    CONNECTION_LOST("The connection to the database broke during the request, which may not have been stored: look"
            + " at the record once the database is back before sending it again.");

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final String detail;

    DatabaseOutOfReach(String detail) {
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }

    /**
     * Why {@code failure} says the database is out of reach, or null when it is another failure. A rollback that failed
     * after the request's own failure (the connection it needed had just broken) hides that failure behind its own
     * ({@link TransactionSystemException#getApplicationException()}): both are looked at.
     */
    public static DatabaseOutOfReach of(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> chains = new ArrayDeque<>();
        chains.add(failure);
        DatabaseOutOfReach found = null;
        while (!chains.isEmpty()) {
            for (Throwable current = chains.poll(); current != null && seen.put(current, Boolean.TRUE) == null
                    && seen.size() < 50; current = current.getCause()) {
                if (current instanceof SQLTransientConnectionException) {
                    // the pool's own wait, whatever connection failure lies beneath it; "nothing stored" only if the
                    // request had not committed a step before it (a read for its answer, after the step's commit)
                    return CommittedEvents.anyCommittedInCurrentRequest() ? CONNECTION_LOST : NOT_CONNECTED;
                }
                if (current instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                    chains.add(rollback.getApplicationException());
                }
                if (found == null && current instanceof SQLException sql && isConnectionFailure(sql.getSQLState())) {
                    found = ("08001".equals(sql.getSQLState()) || "08004".equals(sql.getSQLState()))
                            && !CommittedEvents.anyCommittedInCurrentRequest() ? NOT_CONNECTED : CONNECTION_LOST;
                }
            }
        }
        return found;
    }

    private static boolean isConnectionFailure(String state) {
        return state != null && (state.startsWith("08") || "57P01".equals(state) || "57P02".equals(state)
                || "57P03".equals(state));
    }
}
