package org.tremplin.platform.process;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.tremplin.platform.config.DuplicateKeyResolver;
import org.tremplin.shared.DomainException;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as a lost race, with the exceptions H2, PostgreSQL, Axon and Camunda actually raise. */
class ConcurrentWritesClassifierTest {

    /** H2's batch insert: the batch exception carries no state of its own, the violation is its "next" exception. */
    private static SQLException h2BatchDuplicate() {
        BatchUpdateException batch = new BatchUpdateException("Unique index or primary key violation", null, 0, new int[0]);
        batch.setNextException(new SQLIntegrityConstraintViolationException("Unique index or primary key violation", "23505", 23505));
        return batch;
    }

    /** PostgreSQL's driver: a plain SQLException subclass with SQL state 23505. */
    private static SQLException postgresDuplicate() {
        return new SQLException("ERROR: duplicate key value violates unique constraint \"uk_aggregate_sequence\"", "23505");
    }

    @Test
    void a_null_pointer_thrown_inside_camunda_s_engine_is_a_read_of_a_vanished_entity_and_one_of_ours_is_not() {
        NullPointerException engine = new NullPointerException("Cannot invoke \"ExecutionEntity.getProcessDefinition()\"");
        engine.setStackTrace(new StackTraceElement[]{new StackTraceElement(
                "org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker", "checkTaskPermission",
                "AuthorizationCommandChecker.java", 442)});
        NullPointerException ours = new NullPointerException("a bug of ours");
        ours.setStackTrace(new StackTraceElement[]{new StackTraceElement(
                "org.tremplin.platform.process.UserTasks", "formFields", "UserTasks.java", 375)});
        assertThat(ConcurrentWrites.isEngineReadOfVanishedEntity(engine)).isTrue();
        assertThat(ConcurrentWrites.isEngineReadOfVanishedEntity(ours)).isFalse();
        assertThat(ConcurrentWrites.isEngineReadOfVanishedEntity(new IllegalStateException("engine", engine))).isFalse();
    }

    @Test
    void the_event_stores_unique_key_is_recognised_on_h2_and_postgresql_as_axon_reports_it() {
        DuplicateKeyResolver resolver = new DuplicateKeyResolver();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("insert failed", h2BatchDuplicate()))).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("insert failed", postgresDuplicate()))).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("insert failed",
                new SQLException("value too long for column", "22001")))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("connection lost",
                new SQLException("connection refused", "08001")))).isFalse();
    }

    @Test
    void races_are_camundas_optimistic_lock_axons_concurrency_or_a_wrapped_duplicate_key_and_nothing_else() {
        assertThat(ConcurrentWrites.isRace(new ProcessEngineException("listener failed",
                new OptimisticLockingException("ENGINE-03005 Entity was updated by another transaction concurrently")))).isTrue();
        assertThat(ConcurrentWrites.isRace(new ConcurrencyException("already inserted"))).isTrue();
        assertThat(ConcurrentWrites.isRace(new ProcessEngineException("listener failed",
                new EventStoreException("An event for aggregate [P] at sequence [7] was already inserted", h2BatchDuplicate()))))
                .isTrue();
        assertThat(ConcurrentWrites.isRace(new EventStoreException("insert failed", postgresDuplicate()))).isTrue();
        assertThat(ConcurrentWrites.isRace(new SQLException("could not serialize access", "40001"))).isTrue();

        assertThat(ConcurrentWrites.isRace(new ProcessEngineException("listener failed", DomainException.ruleViolated("no"))))
                .as("a refusal is not a race").isFalse();
        assertThat(ConcurrentWrites.isRace(new IllegalStateException("a bug"))).isFalse();
        assertThat(ConcurrentWrites.isRace(new EventStoreException("disk full", new SQLException("disk full", "53100"))))
                .isFalse();
    }

    @Test
    void the_refusal_is_found_under_camundas_wrappers_and_a_cycle_of_causes_ends() {
        DomainException refusal = DomainException.invalid("consortiumComplete must be true");
        assertThat(ConcurrentWrites.refusal(new ProcessEngineException("ENGINE-03051", new ProcessEngineException("x", refusal))))
                .isSameAs(refusal);
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(ConcurrentWrites.refusal(a)).isNull();
        assertThat(ConcurrentWrites.isRace(a)).isFalse();
    }
}
