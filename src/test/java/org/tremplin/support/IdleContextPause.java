package org.tremplin.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.util.AopTestUtils;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pauses the background work of the cached application contexts that the running test class does not use, and
 * resumes its own before it runs (registered for every Spring test class in {@code META-INF/spring.factories}).
 *
 * <p>Spring's test context cache keeps every context a JVM started until the JVM exits: a surefire or failsafe JVM ends
 * with five to seven of them, the shared ones and those of the classes with settings of their own. An idle context is
 * not idle: its tracking processors and the event store's reader poll its database, its scheduled tasks (the sealer,
 * the monitors) run every second or so. Measured alone, on two shared cores: 33 ms of CPU per second for an idle H2
 * context, 35 ms for a PostgreSQL one plus 13 ms in the database's processes; a clean build's four test JVMs held
 * about 3,400 context-seconds of such idling (surefire 1,350, failsafe 2,100; a loaded machine). Paused here: every
 * tracking processor (shut down, which releases its claims; the store's reader stops polling once no processor tails
 * it) and every {@link ThreadPoolTaskScheduler} (Spring's lifecycle pause: a scheduled task waits until
 * {@code start()}). Resumed: the same processors started again, waited for until each has claimed its segments (24 ms
 * for seven), then the schedulers (a task that fell due meanwhile runs once). Nothing else changes: the web server,
 * the engine, the beans and the database stay as they were.
 *
 * <p>A context is left as it is while a read-model replay runs in it (the replay stops and starts its processors
 * itself) or when one of its processors is not running (a test may have stopped it on purpose). Closing idle contexts
 * instead (with {@code @DirtiesContext}) was tried and reverted: it clears Camunda's JVM-wide webapp delegates
 * (src/docs/testing.md, session 10). {@code -Dtremplin.pause-idle-contexts=false} turns this off.
 */
public final class IdleContextPause implements TestExecutionListener, Ordered {

    private static final Logger log = LoggerFactory.getLogger(IdleContextPause.class);
    private static final boolean ENABLED = !"false".equals(System.getProperty("tremplin.pause-idle-contexts"));
    private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(30);

    /** Every context a test class of this JVM used (weakly: a context the cache evicts and closes goes). */
    private static final Set<ConfigurableApplicationContext> SEEN = Collections.newSetFromMap(new WeakHashMap<>());
    private static final Map<ConfigurableApplicationContext, Paused> PAUSED = new IdentityHashMap<>();

    @Override
    public int getOrder() {
        // before the listeners that use the context (dependency injection, the SQL scripts, ...)
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        use(testContext);
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        use(testContext);
    }

    private static void use(TestContext testContext) {
        if (!ENABLED) {
            return;
        }
        ApplicationContext loaded = testContext.getApplicationContext();
        if (!(loaded instanceof ConfigurableApplicationContext current)) {
            return;
        }
        synchronized (IdleContextPause.class) {
            for (ConfigurableApplicationContext other : new ArrayList<>(SEEN)) {
                if (other != current && other.isActive() && !PAUSED.containsKey(other)) {
                    Paused paused = pause(other);
                    if (paused != null) {
                        PAUSED.put(other, paused);
                    }
                }
            }
            PAUSED.keySet().removeIf(context -> !context.isActive());
            Paused paused = PAUSED.remove(current);
            if (paused != null) {
                paused.resume();
            }
            SEEN.add(current);
        }
    }

    /** What was paused in one context, to be resumed as it was. */
    private record Paused(String context, List<EventProcessor> processors, List<CompletableFuture<Void>> shutdowns,
                          List<ThreadPoolTaskScheduler> schedulers) {

        void resume() {
            long started = System.nanoTime();
            for (CompletableFuture<Void> shutdown : shutdowns) {
                try {
                    shutdown.get(RESUME_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    log.warn("A processor of {} did not finish its shutdown: {}", context, e.toString());
                }
            }
            for (EventProcessor processor : processors) {
                if (!processor.isRunning()) {
                    processor.start();
                }
            }
            long deadline = System.nanoTime() + RESUME_TIMEOUT.toNanos();
            for (EventProcessor processor : processors) {
                while (!claimed((StreamingEventProcessor) processor) && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (!claimed((StreamingEventProcessor) processor)) {
                    log.warn("Processor {} of {} has claimed no segment {} after it was started again", processor.getName(),
                            context, RESUME_TIMEOUT);
                }
            }
            schedulers.forEach(ThreadPoolTaskScheduler::start);
            log.info("Resumed {} processors and {} schedulers of {} in {} ms", processors.size(), schedulers.size(), context,
                    (System.nanoTime() - started) / 1_000_000);
        }

        /**
         * Running with its segments claimed: from then on it reads from its stored position (its context's database got
         * no event while it was paused) and a write's wait for the read models sees its progress as before.
         */
        private static boolean claimed(StreamingEventProcessor processor) {
            return processor.isRunning() && !processor.processingStatus().isEmpty();
        }
    }

    /** Pauses the context's processors and schedulers; null when it is left as it is. */
    private static Paused pause(ConfigurableApplicationContext context) {
        String name = context.getDisplayName();
        List<EventProcessor> processors = new ArrayList<>();
        EventProcessingConfiguration processing = context.getBeanProvider(EventProcessingConfiguration.class).getIfAvailable();
        if (processing != null) {
            if (replayRunning(context)) {
                log.info("Not paused, a read-model replay runs in it: {}", name);
                return null;
            }
            for (EventProcessor processor : processing.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor) {
                    if (!processor.isRunning() || processor.isError()) {
                        log.info("Not paused, processor {} is not running: {}", processor.getName(), name);
                        return null;
                    }
                    processors.add(processor);
                }
            }
        }
        List<CompletableFuture<Void>> shutdowns = new ArrayList<>();
        for (EventProcessor processor : processors) {
            shutdowns.add(processor.shutdownAsync());
        }
        List<ThreadPoolTaskScheduler> schedulers = new ArrayList<>();
        for (ThreadPoolTaskScheduler scheduler : context.getBeansOfType(ThreadPoolTaskScheduler.class, false, false).values()) {
            if (scheduler.isRunning()) {
                scheduler.stop();
                schedulers.add(scheduler);
            }
        }
        return new Paused(name, processors, shutdowns, schedulers);
    }

    /** Whether the context's read-model replay ({@code org.tremplin.audit.replay.ReadModelReplay}) has a run under way. */
    private static boolean replayRunning(ConfigurableApplicationContext context) {
        try {
            Class<?> type = Class.forName("org.tremplin.audit.replay.ReadModelReplay");
            for (Object bean : context.getBeansOfType(type, false, false).values()) {
                Object replay = AopTestUtils.getUltimateTargetObject(bean);
                Field current = type.getDeclaredField("current");
                current.setAccessible(true);
                if (((AtomicReference<?>) current.get(replay)).get() != null) {
                    return true;
                }
            }
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("Could not tell whether a replay runs ({}): not paused", e.toString());
            return true;
        }
    }
}
