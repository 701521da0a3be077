package org.tremplin.platform.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiHandlerDefinition;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.tremplin.support.EmbeddedPostgres;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On a real PostgreSQL, a handler of a {@link OneRoundTripWrites} read model applied in a step's transaction (decision
 * 11): its savepoint and its writes reach the database as one statement when it ends; a handler that fails, in SQL or
 * in Java, leaves none of its rows and the step's transaction usable; one that writes nothing sends nothing.
 */
class HandlerRoundTripPostgresIT {

    record Idea(String id, String title, int partners) {
    }

    /** A read model writing through {@link BatchedWrites} alone: a project row, then a row per partner. */
    public static class IdeaRows implements OneRoundTripWrites {
        private final BatchedWrites writes;
        int inserted = -1;

        public IdeaRows(JdbcClient jdbc) {
            this.writes = new BatchedWrites(jdbc, null, "ideas");
        }

        @EventHandler
        public void on(Idea idea) {
            if (idea.title().equals("nothing to write")) {
                return;
            }
            if (idea.title().startsWith("counted")) {
                // the update count of a statement the handler needs, sent with what is queued
                inserted = writes.now("INSERT INTO idea_row (id, title) SELECT ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM idea_row WHERE id = ?)", idea.id(), idea.title(), idea.id());
            } else {
                writes.write("INSERT INTO idea_row (id, title) VALUES (?, ?)", new Object[]{idea.id(), idea.title()},
                        "idea_row:" + idea.id());
            }
            for (int i = 1; i <= idea.partners(); i++) {
                writes.write("INSERT INTO idea_partner (idea_id, position) VALUES (?, ?)", new Object[]{idea.id(), i},
                        "idea_partner:" + idea.id());
            }
            if (idea.title().startsWith("failing in Java")) {
                throw new IllegalStateException("refused: " + idea.title());
            }
        }
    }

    /** The statements sent on the database's connections: prepared, plain, and JDBC savepoints. */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private JdbcTemplate jdbc;
    private DataSource dataSource;
    private DataSourceTransactionManager transactionManager;
    private MessageHandlingMember<? super IdeaRows> handler;
    private IdeaRows rows;

    @BeforeEach
    void database() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(EmbeddedPostgres.createFreshDatabase());
        postgres.setUser(EmbeddedPostgres.USER);
        postgres.setPassword(EmbeddedPostgres.PASSWORD);
        dataSource = recording(postgres);
        jdbc = new JdbcTemplate(postgres);
        jdbc.execute("CREATE TABLE idea_row (id VARCHAR(40) PRIMARY KEY, title VARCHAR(100))");
        jdbc.execute("CREATE TABLE idea_partner (idea_id VARCHAR(40), position INT, PRIMARY KEY (idea_id, position))");
        jdbc.execute("CREATE TABLE parked (id VARCHAR(40))");
        transactionManager = new DataSourceTransactionManager(dataSource);
        rows = new IdeaRows(JdbcClient.create(dataSource));
        MessageHandlingMember<? super IdeaRows> member = AnnotatedHandlerInspector.inspectType(IdeaRows.class)
                .getHandlers(IdeaRows.class).findFirst().orElseThrow();
        handler = new HandlerSavepoints(dataSource).wrapHandler(member);
        // the first in-step handler asks which database this is: asked here, not counted below
        handleInStep(new Idea("warm", "nothing to write", 0));
        sent.clear();
    }

    @Test
    void the_savepoint_and_every_write_of_a_handler_go_as_one_statement() {
        handleInStep(new Idea("p1", "Hydrogène vert", 2));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).startsWith("prepare: SAVEPOINT tremplin_handler;")
                .contains("INSERT INTO idea_row", "INSERT INTO idea_partner")
                .endsWith("RELEASE SAVEPOINT tremplin_handler");
        assertThat(jdbc.queryForList("SELECT title FROM idea_row", String.class)).containsExactly("Hydrogène vert");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idea_partner WHERE idea_id = 'p1'", Integer.class)).isEqualTo(2);
    }

    @Test
    void a_statement_whose_count_the_handler_needs_goes_with_what_is_queued_and_gives_its_own_count() {
        handleInStep(new Idea("p2", "counted once", 1));
        assertThat(rows.inserted).isEqualTo(1);
        handleInStep(new Idea("p2", "counted again", 0));
        assertThat(rows.inserted).as("the row existed: the insert's own count, not the savepoint's").isZero();

        assertThat(sent).hasSize(4);
        assertThat(sent.get(0)).startsWith("prepare: SAVEPOINT tremplin_handler;").contains("INSERT INTO idea_row")
                .doesNotContain("RELEASE");
        assertThat(sent.get(1)).startsWith("prepare: INSERT INTO idea_partner").endsWith("RELEASE SAVEPOINT tremplin_handler");
        assertThat(jdbc.queryForList("SELECT title FROM idea_row", String.class)).containsExactly("counted once");
    }

    @Test
    void a_write_failing_in_the_database_leaves_none_of_the_handler_s_rows_and_the_step_goes_on() {
        handleInStep(new Idea("p3", "Capteurs marins", 0));
        sent.clear();

        // its first insert is fine, the second breaks the primary key: the first must be undone too
        handleInStep(new Idea("p3-bis", "Drones agricoles", 0), new Idea("p3", "a duplicate", 0));

        assertThat(jdbc.queryForList("SELECT id FROM idea_row ORDER BY id", String.class))
                .as("the failing handler's rows gone, the other handler's and the step's kept").containsExactly("p3", "p3-bis");
        assertThat(jdbc.queryForList("SELECT id FROM parked", String.class)).containsExactly("p3");
        assertThat(sent).anyMatch(statement -> statement.startsWith("plain: ROLLBACK TO SAVEPOINT tremplin_handler"));
    }

    @Test
    void a_handler_failing_in_java_sends_nothing_and_leaves_nothing() {
        handleInStep(new Idea("p4", "failing in Java", 3));

        assertThat(sent).as("its queued writes never sent, no savepoint needed: only the dead letter's insert")
                .containsExactly("prepare: INSERT INTO parked (id) VALUES (?)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idea_row", Integer.class)).isZero();
        assertThat(jdbc.queryForList("SELECT id FROM parked", String.class)).containsExactly("p4");
    }

    @Test
    void a_handler_that_writes_nothing_sends_nothing() {
        handleInStep(new Idea("p5", "nothing to write", 0));

        assertThat(sent).isEmpty();
    }

    @Test
    void outside_a_step_the_writes_are_executed_at_once() {
        rows.on(new Idea("p6", "Batteries solides", 1));

        assertThat(sent).hasSize(2).allMatch(statement -> statement.startsWith("prepare: INSERT"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idea_row", Integer.class)).isEqualTo(1);
    }

    @Test
    void whether_the_sequence_waits_in_the_dead_letter_queue_is_asked_with_the_writes_and_parks_the_event_behind() {
        jdbc.execute(DEAD_LETTERS);
        SpringTransactionManager transactions = new SpringTransactionManager(transactionManager);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        SequencedDeadLetterQueue<EventMessage<?>> letters = JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup("ideas").connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactions).genericSerializer(serializer).eventSerializer(serializer).build();
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(rows,
                ClasspathParameterResolverFactory.forClass(IdeaRows.class),
                MultiHandlerDefinition.ordered(new HandlerSavepoints(dataSource), ClasspathHandlerDefinition.forClass(IdeaRows.class)));
        DeadLetteringEventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(adapter)
                .sequencingPolicy(event -> ((Idea) event.getPayload()).id())
                .queue(new RoundTripDeadLetters(letters, "ideas", List.of(adapter), () -> true))
                .transactionManager(transactions)
                .build();

        // a first event of p7 fails in the handler (nothing sent): parked
        handleInStep(invoker, new Idea("p7", "failing in Java", 1));
        assertThat(letters.sequenceSize("p7")).isEqualTo(1);
        sent.clear();

        // the next event of p7 writes, and asks in the same statement: its letters are there, its writes undone
        handleInStep(invoker, new Idea("p7", "Second thoughts", 1));
        assertThat(sent.get(0)).startsWith("prepare: SAVEPOINT tremplin_handler;")
                .contains("INSERT INTO idea_row", "INSERT INTO idea_partner",
                        "SELECT COUNT(*) FROM DeadLetterEntry WHERE processingGroup = ? AND sequenceIdentifier = ?")
                .doesNotContain("RELEASE");
        assertThat(sent.get(1)).startsWith("plain: ROLLBACK TO SAVEPOINT tremplin_handler");
        assertThat(letters.sequenceSize("p7")).as("parked behind the first").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idea_row WHERE id = 'p7'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idea_partner WHERE idea_id = 'p7'", Integer.class)).isZero();

        // an event of p7 whose handler writes nothing: the question alone, and parked too
        sent.clear();
        handleInStep(invoker, new Idea("p7", "nothing to write", 0));
        assertThat(sent.get(0)).isEqualTo("prepare: SELECT COUNT(*) FROM DeadLetterEntry WHERE processingGroup = ? "
                + "AND sequenceIdentifier = ?");
        assertThat(letters.sequenceSize("p7")).isEqualTo(3);

        // another sequence: applied, its savepoint left to the commit (a release would have forbidden the rollback)
        sent.clear();
        handleInStep(invoker, new Idea("p8", "Capteurs marins", 1));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).contains("INSERT INTO idea_row", "SELECT COUNT(*) FROM DeadLetterEntry").doesNotContain("RELEASE");
        assertThat(letters.contains("p8")).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idea_partner WHERE idea_id = 'p8'", Integer.class)).isEqualTo(1);

        // two events in one step: the second handler's statement releases the savepoint the first one left open
        sent.clear();
        handleInStep(invoker, new Idea("p9", "Drones agricoles", 0), new Idea("p10", "Batteries solides", 0));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).startsWith("prepare: SAVEPOINT tremplin_handler;");
        assertThat(sent.get(1)).startsWith("prepare: RELEASE SAVEPOINT tremplin_handler;\nSAVEPOINT tremplin_handler;");
        assertThat(jdbc.queryForList("SELECT id FROM idea_row WHERE id IN ('p9', 'p10') ORDER BY id", String.class))
                .containsExactly("p10", "p9");
    }

    /** Axon's dead-letter table, as the migrations create it on PostgreSQL (V1__axon.sql). */
    private static final String DEAD_LETTERS = """
            CREATE TABLE DeadLetterEntry (
                deadLetterIdentifier VARCHAR(255) NOT NULL, processingGroup VARCHAR(255) NOT NULL,
                sequenceIdentifier VARCHAR(255) NOT NULL, sequenceIndex BIGINT NOT NULL, messageType VARCHAR(255) NOT NULL,
                eventIdentifier VARCHAR(255) NOT NULL, timestamp VARCHAR(255) NOT NULL, payloadType VARCHAR(255) NOT NULL,
                payloadRevision VARCHAR(255), payload BYTEA NOT NULL, metaData BYTEA, type VARCHAR(255),
                aggregateIdentifier VARCHAR(255), sequenceNumber BIGINT, tokenType VARCHAR(255), token BYTEA,
                enqueuedAt VARCHAR(255) NOT NULL, lastTouched VARCHAR(255), processingStarted VARCHAR(255),
                causeType VARCHAR(255), causeMessage VARCHAR(1023), diagnostics BYTEA,
                CONSTRAINT PK_DeadLetterEntry PRIMARY KEY (deadLetterIdentifier),
                CONSTRAINT sequenceIndex_INDEX UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex))""";

    /** The events of one step in its transaction, through a dead-lettering invoker as an in-step group runs it. */
    private void handleInStep(DeadLetteringEventHandlerInvoker invoker, Idea... ideas) {
        DefaultUnitOfWork<EventMessage<?>> step = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(ideas[0]));
        step.attachTransaction(new SpringTransactionManager(transactionManager));
        step.execute(() -> {
            for (Idea idea : ideas) {
                EventMessage<?> message = GenericEventMessage.asEventMessage(idea);
                DefaultUnitOfWork<EventMessage<?>> event = DefaultUnitOfWork.startAndGet(message);
                event.resources().put(InStep.RESOURCE, "ideas");
                event.execute(() -> {
                    try {
                        invoker.handle(message, Segment.ROOT_SEGMENT);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        });
    }

    /**
     * The events of one step in its transaction, through the handler as an in-step group runs it; a failing event is
     * parked in the same transaction, as the dead-letter queue does, and the transaction commits.
     */
    private void handleInStep(Idea... ideas) {
        EventMessage<?> first = GenericEventMessage.asEventMessage(ideas[0]);
        DefaultUnitOfWork<EventMessage<?>> step = DefaultUnitOfWork.startAndGet(first);
        step.attachTransaction(new SpringTransactionManager(transactionManager));
        step.execute(() -> {
            for (Idea idea : ideas) {
                DefaultUnitOfWork<EventMessage<?>> event = DefaultUnitOfWork.startAndGet(
                        GenericEventMessage.asEventMessage(idea));
                event.resources().put(InStep.RESOURCE, "ideas");
                event.execute(() -> {
                    try {
                        handler.handle(event.getMessage(), rows);
                    } catch (Exception refused) {
                        JdbcTemplate parking = new JdbcTemplate(transactionManager.getDataSource());
                        parking.update("INSERT INTO parked (id) VALUES (?)", idea.id());
                    }
                });
            }
        });
    }

    /** The database's connections, each statement sent recorded. */
    private DataSource recording(DataSource real) {
        return RecordingDataSource.of(real, (method, args) -> {
            switch (method) {
                case "prepareStatement" -> sent.add("prepare: " + args[0]);
                case "setSavepoint" -> sent.add("setSavepoint");
                default -> {
                    if (method.startsWith("statement.execute") && args != null && args.length > 0
                            && args[0] instanceof String text) {
                        sent.add("plain: " + text);
                    }
                }
            }
        });
    }
}
