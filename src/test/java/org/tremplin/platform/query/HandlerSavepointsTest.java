package org.tremplin.platform.query;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.UnexpectedRollbackException;

import javax.sql.DataSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tracking processor's handler runs under a savepoint of the batch's transaction (on a real H2 database): a handler
 * that fails leaves none of its rows and the transaction usable for what follows; a lone event's savepoint is left to
 * the commit, a batch of several releases each. Under the processor's {@link LiveBatches}, a lone event runs without
 * one, and its handler's failure rolls the whole batch back and makes the retry run under savepoints.
 */
class HandlerSavepointsTest {

    record Idea(String title) {
    }

    /** A read model's handler: writes a row, then fails for the ideas whose title says so. */
    public static class IdeaRows {
        private final JdbcTemplate jdbc;

        public IdeaRows(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        public void on(Idea idea) {
            jdbc.update("INSERT INTO idea_row (title) VALUES (?)", idea.title());
            if (idea.title().startsWith("failing")) {
                throw new IllegalStateException("refused: " + idea.title());
            }
        }
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactionManager;
    private MessageHandlingMember<? super IdeaRows> handler;
    private IdeaRows rows;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:savepoints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource = recording(h2);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE idea_row (title VARCHAR(100))");
        jdbc.execute("CREATE TABLE parked (title VARCHAR(100))");
        transactionManager = new DataSourceTransactionManager(dataSource);
        rows = new IdeaRows(jdbc);
        MessageHandlingMember<? super IdeaRows> member = AnnotatedHandlerInspector.inspectType(IdeaRows.class)
                .getHandlers(IdeaRows.class).findFirst().orElseThrow();
        handler = new HandlerSavepoints(dataSource).wrapHandler(member);
        calls.clear();
    }

    @Test
    void a_lone_event_s_savepoint_is_left_to_the_commit() {
        handleInOneBatch("Hydrogène vert");

        assertThat(calls).containsExactly("setSavepoint", "commit");
        assertThat(titles("idea_row")).containsExactly("Hydrogène vert");
    }

    @Test
    void a_batch_of_several_events_releases_each_savepoint() {
        handleInOneBatch("Batteries solides", "Capteurs marins");

        assertThat(calls).containsExactly("setSavepoint", "releaseSavepoint", "setSavepoint", "releaseSavepoint", "commit");
        assertThat(titles("idea_row")).containsExactlyInAnyOrder("Batteries solides", "Capteurs marins");
    }

    @Test
    void a_lone_failing_event_leaves_none_of_its_rows_and_the_transaction_usable() {
        handleInOneBatch("failing idea");

        assertThat(calls).containsExactly("setSavepoint", "rollback(savepoint)", "commit");
        assertThat(titles("idea_row")).as("the failed handler's row").isEmpty();
        assertThat(titles("parked")).as("written after the failure, in the same transaction").containsExactly("failing idea");
    }

    @Test
    void in_a_batch_the_failing_event_is_undone_alone() {
        handleInOneBatch("failing first", "Drones agricoles");

        assertThat(titles("idea_row")).containsExactly("Drones agricoles");
        assertThat(titles("parked")).containsExactly("failing first");
    }

    @Test
    void under_live_batches_a_lone_event_runs_without_a_savepoint() {
        LiveBatches live = new LiveBatches();

        handleInOneBatch(live, "Hydrogène vert");

        assertThat(calls).containsExactly("commit");
        assertThat(titles("idea_row")).containsExactly("Hydrogène vert");
        assertThat(live.suspended()).isFalse();
    }

    @Test
    void under_live_batches_a_lone_failing_event_rolls_its_batch_back_whole_and_the_retry_parks_it() {
        LiveBatches live = new LiveBatches();

        assertThatThrownBy(() -> handleInOneBatch(live, "failing idea"))
                .as("the commit of a transaction marked rollback-only").isInstanceOf(UnexpectedRollbackException.class);

        assertThat(calls).containsExactly("rollback");
        assertThat(titles("idea_row")).as("the failed handler's row").isEmpty();
        assertThat(titles("parked")).as("the first attempt's dead letter, rolled back with it").isEmpty();
        assertThat(live.suspended()).as("the processor's marks, after its batch rolled back").isTrue();

        calls.clear();
        handleInOneBatch(live, "failing idea");

        assertThat(calls).containsExactly("setSavepoint", "rollback(savepoint)", "commit");
        assertThat(titles("idea_row")).isEmpty();
        assertThat(titles("parked")).containsExactly("failing idea");
    }

    /** One batch in one transaction, as a tracking processor runs it; a failing event is parked, as the dead-letter queue does. */
    private void handleInOneBatch(String... titles) {
        handleInOneBatch(null, titles);
    }

    /** The same, the batch first seen by the processor's {@link LiveBatches} when given. */
    private void handleInOneBatch(LiveBatches live, String... titles) {
        List<EventMessage<?>> events = java.util.Arrays.stream(titles)
                .<EventMessage<?>>map(title -> GenericEventMessage.asEventMessage(new Idea(title))).toList();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        // as a tracking processor does: the transaction attached, committed when the unit of work commits
        batch.attachTransaction(new SpringTransactionManager(transactionManager));
        ResultMessage<?> result = batch.executeWithResult(() -> {
            EventMessage<?> event = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
            InterceptorChain handling = () -> {
                try {
                    handler.handle(event, rows);
                } catch (Exception refused) {
                    jdbc.update("INSERT INTO parked (title) VALUES (?)", ((Idea) event.getPayload()).title());
                }
                return null;
            };
            @SuppressWarnings("unchecked")
            UnitOfWork<EventMessage<?>> unitOfWork = (UnitOfWork<EventMessage<?>>) CurrentUnitOfWork.get();
            return live == null ? handling.proceed() : live.handle(unitOfWork, handling);
        });
        if (result.isExceptional()) {
            throw result.exceptionResult() instanceof RuntimeException e ? e : new IllegalStateException(result.exceptionResult());
        }
    }

    private List<String> titles(String table) {
        return jdbc.queryForList("SELECT title FROM " + table, String.class);
    }

    /** The database's connections, each call that ends or marks a transaction's part recorded. */
    private DataSource recording(DataSource real) {
        return RecordingDataSource.of(real, (method, args) -> {
            switch (method) {
                case "setSavepoint", "releaseSavepoint", "commit" -> calls.add(method);
                case "rollback" -> calls.add(args == null ? "rollback" : "rollback(savepoint)");
                default -> { }
            }
        });
    }
}
