package org.tremplin.platform.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The units of work's time limits, wired into a real Axon configuration (its command bus, query bus and an event
 * processor) with short limits: a warning after 150 ms, again every 100 ms, an interrupt after 600 ms.
 */
class UnitOfWorkTimeLimitsTest {

    /** A command naming how long its handler takes, and whether the handler swallows an interrupt. */
    record Work(long millis, boolean swallowInterrupt) {
    }

    /** A query naming how long its handler takes. */
    record Ask(long millis) {
    }

    /** An event naming how long its handler takes. */
    record Happened(long millis) {
    }

    static final AtomicBoolean interruptSeen = new AtomicBoolean();
    static final AtomicInteger runningWhileHandling = new AtomicInteger(-1);
    static volatile UnitOfWorkTimeLimits current;

    static class Handlers {

        @CommandHandler
        public String handle(Work work) throws InterruptedException {
            runningWhileHandling.set(current.runningCount());
            try {
                Thread.sleep(work.millis());
            } catch (InterruptedException e) {
                interruptSeen.set(true);
                if (!work.swallowInterrupt()) {
                    throw e;
                }
            }
            return "done";
        }

        @QueryHandler
        public String handle(Ask ask) throws InterruptedException {
            runningWhileHandling.set(current.runningCount());
            Thread.sleep(ask.millis());
            return "answered";
        }

        @EventHandler
        public void on(Happened event) throws InterruptedException {
            runningWhileHandling.set(current.runningCount());
            Thread.sleep(event.millis());
        }
    }

    private UnitOfWorkTimeLimits limits;
    private Configuration axon;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(UnitOfWorkTimeLimits.class);

    @BeforeEach
    void start() {
        interruptSeen.set(false);
        runningWhileHandling.set(-1);
        limits = new UnitOfWorkTimeLimits(Duration.ofMillis(600), Duration.ofMillis(150), Duration.ofMillis(100),
                Duration.ofMillis(20));
        current = limits;
        limits.start();
        logs.start();
        logger.addAppender(logs);
        DefaultConfigurer configurer = (DefaultConfigurer) DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        Handlers handlers = new Handlers();
        configurer.registerCommandHandler(c -> handlers);
        configurer.registerQueryHandler(c -> handlers);
        configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor("limited")
                .assignHandlerInstancesMatching("limited", h -> h instanceof Handlers)
                .registerEventHandler(c -> handlers));
        limits.configureModule(configurer);
        axon = configurer.start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        limits.stop();
        logger.detachAppender(logs);
    }

    private String send(Work work) {
        return axon.commandGateway().sendAndWait(GenericCommandMessage.asCommandMessage(work));
    }

    private List<String> logged(Level level) {
        return logs.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void a_quick_command_query_or_event_is_counted_while_it_runs_and_forgotten_when_it_ends() {
        assertThat(send(new Work(0, false))).isEqualTo("done");
        assertThat(runningWhileHandling.getAndSet(-1)).isEqualTo(1);
        assertThat(axon.queryGateway().query(new Ask(0), ResponseTypes.instanceOf(String.class)).join())
                .isEqualTo("answered");
        assertThat(runningWhileHandling.getAndSet(-1)).isEqualTo(1);
        axon.eventBus().publish(GenericEventMessage.asEventMessage(new Happened(0)));
        assertThat(runningWhileHandling.get()).isEqualTo(1);
        assertThat(limits.runningCount()).isZero();
        assertThat(logs.list).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void a_slow_unit_of_work_is_warned_about_and_ends_well_when_within_its_limit() {
        assertThat(send(new Work(400, false))).isEqualTo("done");
        List<String> warnings = logged(Level.WARN);
        // at 150 ms, then every 100 ms: two or three before it ends at 400 ms, whatever the checker's 20 ms of slack
        assertThat(warnings).hasSizeBetween(2, 3);
        assertThat(warnings.get(0)).contains("UnitOfWork of SimpleCommandBus", "is taking a long time",
                Thread.currentThread().getName(), "Stack of the thread", "UnitOfWorkTimeLimitsTest$Handlers.handle");
        assertThat(logged(Level.ERROR)).isEmpty();
        assertThat(interruptSeen).isFalse();
        assertThat(limits.runningCount()).isZero();
    }

    @Test
    void a_unit_of_work_past_its_limit_is_interrupted_and_fails_as_timed_out() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> send(new Work(5_000, false))).isInstanceOf(AxonTimeoutException.class)
                .hasMessageContaining("UnitOfWork of SimpleCommandBus has timed out");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(took).isBetween(600L, 2_000L);
        assertThat(interruptSeen).isTrue();
        assertThat(logged(Level.ERROR)).singleElement().asString().contains("has exceeded its time limit of [600ms]");
        assertThat(Thread.currentThread().isInterrupted()).as("the thread's flag is left clear").isFalse();
        assertThat(limits.runningCount()).isZero();
    }

    @Test
    void a_handler_that_swallows_the_interrupt_still_fails_as_timed_out() {
        assertThatThrownBy(() -> send(new Work(5_000, true))).isInstanceOf(AxonTimeoutException.class);
        assertThat(interruptSeen).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(limits.runningCount()).isZero();
    }

    @Test
    void a_query_past_its_limit_fails_as_timed_out() {
        assertThatThrownBy(() -> axon.queryGateway().query(new Ask(5_000), ResponseTypes.instanceOf(String.class)).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(AxonTimeoutException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(limits.runningCount()).isZero();
    }

    @Test
    void the_checker_never_interrupts_a_thread_whose_unit_of_work_has_ended() throws Exception {
        // a thread that ends its unit of work and goes on sleeping: past the limit, nothing interrupts it
        CountDownLatch after = new CountDownLatch(1);
        AtomicBoolean interruptedLater = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            send(new Work(0, false));
            try {
                Thread.sleep(900);
            } catch (InterruptedException e) {
                interruptedLater.set(true);
            }
            after.countDown();
        });
        worker.start();
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interruptedLater).isFalse();
        assertThat(logs.list).isEmpty();
    }

    @Test
    void a_nested_unit_of_work_that_fails_leaves_its_root_limited_until_the_root_ends() {
        // a root that no limited component started (as code of the application's may), a query failing inside it
        DefaultUnitOfWork<?> root = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("outside"));
        try {
            assertThatThrownBy(() -> axon.queryGateway().query(new Ask(-1), ResponseTypes.instanceOf(String.class)).join())
                    .isInstanceOf(CompletionException.class);
            // the query's unit of work, nested in the root, started the limit and rolled back: the root still runs
            assertThat(limits.runningCount()).isEqualTo(1);
        } finally {
            root.commit();
        }
        assertThat(limits.runningCount()).isZero();
        assertThat(logs.list).isEmpty();
    }

    @Test
    void limits_that_are_not_positive_are_refused() {
        assertThatThrownBy(() -> new UnitOfWorkTimeLimits(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMillis(250))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tremplin.unit-of-work");
        assertThatThrownBy(() -> new UnitOfWorkTimeLimits(Duration.ofSeconds(1), Duration.ofSeconds(-1),
                Duration.ofSeconds(1), Duration.ofMillis(250))).isInstanceOf(IllegalArgumentException.class);
    }
}
