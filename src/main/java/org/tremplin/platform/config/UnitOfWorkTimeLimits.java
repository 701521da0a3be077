package org.tremplin.platform.config;

import jakarta.annotation.Nonnull;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Time limits on Axon's units of work: every command, query and event processor batch is warned about when it runs
 * longer than {@code tremplin.unit-of-work.warning-after} (10 s; again every {@code warning-interval}, 1 s) and its
 * thread interrupted after {@code tremplin.unit-of-work.timeout} (60 s), its failure then an {@link AxonTimeoutException}
 * — what Axon 4.13's own transaction timeouts do, with the same defaults ({@code axon.timeout.enabled} is off).
 *
 * <p>Why not Axon's: its {@code AxonTimeLimitedTask} walks the whole stack of the thread at the start of every unit of
 * work (to name, in a later warning, the frame it started from) and schedules, then cancels, a task on a shared
 * executor for each: 30–58 µs a unit of work at stacks 50–250 frames deep (measured in a loop), 85 units of work for
 * a labelling through the API tests' flow (20 commands, 46 queries, 19 processor batches, its set-up included), and
 * a thread of its own woken for each (src/docs/performance.md, session 35). Here a unit of work is put in a set when
 * it starts and taken out when it ends, and one thread looks at the set every {@code check-interval} (250 ms): a
 * warning or an interrupt comes up to that much later than its time.
 * A warning prints the thread's stack when it is given, not before.
 */
@Component
public class UnitOfWorkTimeLimits implements ConfigurerModule, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UnitOfWorkTimeLimits.class);
    private static final String RESOURCE = UnitOfWorkTimeLimits.class.getName();

    private final long timeoutNanos;
    private final long warningAfterNanos;
    private final long warningIntervalNanos;
    private final Duration checkInterval;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> started = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService checker;

    public UnitOfWorkTimeLimits(@Value("${tremplin.unit-of-work.timeout:60s}") Duration timeout,
                                @Value("${tremplin.unit-of-work.warning-after:10s}") Duration warningAfter,
                                @Value("${tremplin.unit-of-work.warning-interval:1s}") Duration warningInterval,
                                @Value("${tremplin.unit-of-work.check-interval:250ms}") Duration checkInterval) {
        if (timeout.isNegative() || timeout.isZero() || warningAfter.isNegative() || warningInterval.isNegative()
                || warningInterval.isZero()
                || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("tremplin.unit-of-work: the timeout, warning interval and check interval"
                    + " must be positive, the warning's start not negative");
        }
        this.timeoutNanos = timeout.toNanos();
        this.warningAfterNanos = warningAfter.toNanos();
        this.warningIntervalNanos = warningInterval.toNanos();
        this.checkInterval = checkInterval;
    }

    @Override
    public void configureModule(@Nonnull Configurer configurer) {
        configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (configuration, processor) -> interceptor("EventProcessor " + processor));
        // as Axon's own module does: the buses exist once the configuration is built
        configurer.onStart(Integer.MIN_VALUE, () -> {
            Configuration configuration = configurer.buildConfiguration();
            configuration.commandBus().registerHandlerInterceptor(
                    interceptor(configuration.commandBus().getClass().getSimpleName()));
            configuration.queryBus().registerHandlerInterceptor(
                    interceptor(configuration.queryBus().getClass().getSimpleName()));
        });
    }

    @Override
    public int order() {
        return Integer.MIN_VALUE;
    }

    /** The interceptor limiting the root unit of work of each message handled by this component. */
    MessageHandlerInterceptor<Message<?>> interceptor(String component) {
        String name = "UnitOfWork of " + component;
        LongAdder count = started.computeIfAbsent(component, c -> new LongAdder());
        return (UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) -> {
            UnitOfWork<?> root = unitOfWork.root();
            Running limit = (Running) root.resources().get(RESOURCE);
            if (limit == null) {
                Running started = new Running(name, Thread.currentThread(), System.nanoTime());
                root.resources().put(RESOURCE, started);
                running.add(started);
                count.increment();
                // ended with the root: a nested unit of work that started the limit and rolls back (its failure
                // caught by its caller) must not leave the rest of the root unlimited
                root.afterCommit(u -> end(started, true));
                root.onRollback(u -> end(started, false));
                limit = started;
            }
            try {
                Object result = chain.proceed();
                limit.throwIfTimedOut();
                return result;
            } catch (Exception e) {
                throw limit.timedOutInstead(e);
            }
        };
    }

    private void end(Running limit, boolean committed) {
        synchronized (limit) {
            limit.done = true;  // from here on, no interrupt for this unit of work reaches the thread
        }
        running.remove(limit);
        if (limit.interrupted) {
            Thread.interrupted();  // the thread goes on to other work: its flag is left clear
            if (committed) {
                log.info("{} committed after it was interrupted for exceeding its time limit", limit.name);
            }
        }
    }

    /** How many units of work each component (a bus, an event processor) has started under these limits. */
    public Map<String, Long> startedByComponent() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        started.forEach((component, count) -> counts.put(component, count.sum()));
        return counts;
    }

    /** The units of work still running: what the checker looks at (for tests). */
    int runningCount() {
        return running.size();
    }

    /** Warns about or interrupts each unit of work past its time, as of {@code now} ({@link System#nanoTime()}). */
    void check(long now) {
        for (Running limit : running) {
            if (limit.done || limit.interrupted) {
                continue;
            }
            long taken = now - limit.startedAt;
            if (taken >= timeoutNanos) {
                log.error("{} on thread [{}] has exceeded its time limit of [{}ms]. Interrupting the thread.\n"
                                + "Stack of the thread:\n{}", limit.name, limit.thread.getName(),
                        TimeUnit.NANOSECONDS.toMillis(timeoutNanos), stack(limit.thread));
                synchronized (limit) {
                    if (!limit.done) {
                        limit.interrupted = true;
                        limit.thread.interrupt();
                    }
                }
            } else if (warningAfterNanos < timeoutNanos && taken >= warningAfterNanos + limit.warnings * warningIntervalNanos) {
                limit.warnings = 1 + (taken - warningAfterNanos) / warningIntervalNanos;
                log.warn("{} on thread [{}] is taking a long time: [{}ms] so far; it will be interrupted in [{}ms].\n"
                                + "Stack of the thread:\n{}", limit.name, limit.thread.getName(),
                        TimeUnit.NANOSECONDS.toMillis(taken), TimeUnit.NANOSECONDS.toMillis(timeoutNanos - taken),
                        stack(limit.thread));
            }
        }
    }

    private static String stack(Thread thread) {
        StringBuilder out = new StringBuilder();
        for (StackTraceElement element : thread.getStackTrace()) {
            out.append("\tat ").append(element).append('\n');
        }
        return out.toString();
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "unit-of-work-time-limits");
            thread.setDaemon(true);
            return thread;
        });
        long every = checkInterval.toNanos();
        executor.scheduleWithFixedDelay(() -> {
            try {
                check(System.nanoTime());
            } catch (RuntimeException e) {
                log.warn("Checking the units of work's time limits failed", e);
            }
        }, every, every, TimeUnit.NANOSECONDS);
        checker = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = checker;
        checker = null;
        if (executor != null) {
            executor.shutdownNow();  // its thread only reads the set and logs: interrupting it touches no database
        }
    }

    @Override
    public boolean isRunning() {
        return checker != null;
    }

    /** A unit of work being limited. */
    private static final class Running {
        final String name;
        final Thread thread;
        final long startedAt;
        volatile boolean done;
        volatile boolean interrupted;
        long warnings;

        Running(String name, Thread thread, long startedAt) {
            this.name = name;
            this.thread = thread;
            this.startedAt = startedAt;
        }

        /**
         * A handler that swallowed the interrupt returned normally: its unit of work still fails, as a time-out
         * (Axon's {@code ensureNoInterruptionWasSwallowed}).
         */
        void throwIfTimedOut() {
            if (interrupted) {
                Thread.interrupted();
                throw new AxonTimeoutException(name + " has timed out");
            }
        }

        /** The failure of a handler interrupted for its time: a time-out, whatever it threw on being interrupted. */
        Exception timedOutInstead(Exception failure) {
            if (interrupted && !(failure instanceof AxonTimeoutException)) {
                Thread.interrupted();
                return new AxonTimeoutException(name + " has timed out");
            }
            return failure;
        }
    }
}
