package org.tremplin.platform.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.tremplin.platform.process.ConcurrentWrites;

/**
 * Tells Axon's JDBC event store that an insert failed on the unique (aggregate id, sequence number) key, so that it
 * reports a lost race as a {@link org.axonframework.modelling.command.ConcurrencyException} (or an
 * {@link org.axonframework.modelling.command.AggregateStreamCreationException} for a first event) instead of a generic
 * {@link org.axonframework.eventsourcing.eventstore.EventStoreException}. Axon's own {@code JdbcSQLErrorCodesResolver}
 * only recognises {@code SQLIntegrityConstraintViolationException}, which neither H2's batch insert
 * ({@code JdbcBatchUpdateException}, the violation chained as its "next" exception) nor PostgreSQL's driver
 * ({@code PSQLException} with SQL state 23505) throws.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return ConcurrentWrites.isDuplicateKey(exception);
    }
}
