package org.tremplin.platform.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Wakes a tracking processor of this node on its own, once the event store's shared reader has put in its cache an
 * event the processor has a handler for; a processor with nothing to do for the events looks at them on its own, at
 * most {@link #LONGEST_SLEEP} later.
 *
 * <p>Axon's embedded event store wakes the processors tailing it through one lock and one condition: every processor
 * thread waits on the condition, and after each event all of them are signalled and must take the lock in turn, one
 * after the other. The processors with nothing to do for the event are back to waiting first, so the one that has work
 * (and that a write's read-your-writes wait is for) comes last in that line: on average the 6.4th of seven to wake
 * (src/docs/performance.md, session 31). Here a processor's stream never waits on that condition: it asks the store's
 * consumer without waiting ({@code hasNextAvailable(0)}, no lock) and otherwise sleeps on a signal of its own, which
 * {@link #delivered(TrackedEventMessage)} gives after each event the shared reader hands to the store's cache, to the
 * processors with a handler for it. The others are not woken for it: on two cores, seven threads woken for every event
 * competed with the one that had work and with the requests. They look at the store again after at most
 * {@link #LONGEST_SLEEP} and move their positions past whatever came, in one batch (so a processor's position may
 * lag the store by that much when it has nothing to do, which changes no read model and no write's wait: a write
 * waits only for the processors with a handler for its events).
 *
 * <p>A signal that never comes costs at most {@link #LONGEST_SLEEP} too (events of other nodes are found by the
 * reader's poll, every 0.1 s, and signalled like the others). Measured in src/docs/performance.md, session 33. The
 * longest sleep is {@code tremplin.event-processing.longest-sleep} ({@link #LONGEST_SLEEP} by default; session 44).
 */
public final class ProcessorWakeups {

    /** The longest a processor's stream sleeps without a signal before it looks at the store's consumer again. */
    static final Duration LONGEST_SLEEP = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(ProcessorWakeups.class);

    private final Set<Sleeper> sleepers = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    private final long longestSleepNanos;
    /** How many times this node committed events so far ({@link LastBatchAwareStorageEngine#localCommits()}). */
    private volatile LongSupplier localCommits = () -> 0;

    public ProcessorWakeups() {
        this(LONGEST_SLEEP);
    }

    /** With another longest sleep than {@link #LONGEST_SLEEP} ({@code tremplin.event-processing.longest-sleep}, tests). */
    ProcessorWakeups(Duration longestSleep) {
        this.longestSleepNanos = longestSleep.toNanos();
    }

    /**
     * The processor's source, whose streams sleep on this node's signals instead of the embedded event store's condition.
     * Only a source whose shared reader reports what it delivers ({@link AxonConfig.AfterCommitWakingEventStore}) is
     * wrapped; any other is returned as it is.
     */
    public StreamableMessageSource<TrackedEventMessage<?>> wakingEach(String processorName, EventHandlerInvoker invoker,
                                                                   StreamableMessageSource<TrackedEventMessage<?>> source) {
        return wakingEach(processorName, invoker, source, event -> false);
    }

    /**
     * The same, for a processor that passes some events of its payload types by (the events the steps applied, for a
     * group applied in the steps: decision 11): it is not woken for those.
     */
    public StreamableMessageSource<TrackedEventMessage<?>> wakingEach(String processorName, EventHandlerInvoker invoker,
                                                                   StreamableMessageSource<TrackedEventMessage<?>> source,
                                                                   Predicate<TrackedEventMessage<?>> passedBy) {
        if (!(source instanceof AxonConfig.AfterCommitWakingEventStore)) {
            return source;
        }
        return wrap(processorName, invoker::canHandleType, passedBy, source);
    }

    /** The source whose streams sleep on this node's signals, for a processor with handlers for these payload types. */
    StreamableMessageSource<TrackedEventMessage<?>> wrap(String processorName, Predicate<Class<?>> handles,
                                                         StreamableMessageSource<TrackedEventMessage<?>> source) {
        return wrap(processorName, handles, event -> false, source);
    }

    StreamableMessageSource<TrackedEventMessage<?>> wrap(String processorName, Predicate<Class<?>> handles,
                                                         Predicate<TrackedEventMessage<?>> passedBy,
                                                         StreamableMessageSource<TrackedEventMessage<?>> source) {
        return new WakingSource(processorName, handles, passedBy, source);
    }

    /**
     * Called by the shared reader after each event it read is in the embedded event store's cache: wakes the sleeping
     * streams whose processor has a handler for the event.
     */
    void delivered(TrackedEventMessage<?> event) {
        deliveries.incrementAndGet();
        if (sleepers.isEmpty()) {
            return;
        }
        try {
            Class<?> type = event.getPayloadType();
            for (Sleeper sleeper : sleepers) {
                if (sleeper.handles(type) && !sleeper.passedBy.test(event)) {
                    sleeper.wake();
                }
            }
        } catch (RuntimeException e) {
            // never stop the shared reader: a stream not woken looks again after LONGEST_SLEEP
            log.warn("Could not wake the processors for event {}", event.getIdentifier(), e);
            sleepers.forEach(Sleeper::wake);
        }
    }

    /** Where {@link #localCommits()} counts from: the storage engine's count of this node's commits of events. */
    void localCommitsFrom(LongSupplier commits) {
        this.localCommits = commits;
    }

    /**
     * How many times this node committed events so far: a processor waiting to try again after the database was out of
     * reach tries at once when it grows ({@link ResumingTrackingProcessor}).
     */
    long localCommits() {
        return localCommits.getAsLong();
    }

    /** How many events the shared reader reported so far (for tests). */
    long deliveries() {
        return deliveries.get();
    }

    /** How many processor streams sleep on this node's signals (for tests). */
    int streams() {
        return sleepers.size();
    }

    /** One processor stream's signal: a counter of wake-ups and the thread sleeping on it, if any. */
    static final class Sleeper {

        private final String processorName;
        private final Predicate<Class<?>> handler;
        private final Map<Class<?>, Boolean> handles = new ConcurrentHashMap<>();
        private final Signal wakeups = new Signal();
        /** The events of its payload types the processor passes by (not woken for them). */
        private final Predicate<TrackedEventMessage<?>> passedBy;

        Sleeper(String processorName, Predicate<Class<?>> handler, Predicate<TrackedEventMessage<?>> passedBy) {
            this.processorName = processorName;
            this.handler = handler;
            this.passedBy = passedBy;
        }

        boolean handles(Class<?> payloadType) {
            return handles.computeIfAbsent(payloadType, handler::test);
        }

        long wakeups() {
            return wakeups.count();
        }

        void wake() {
            wakeups.signal();
        }

        /** Sleeps until a wake-up after {@code seen} (a value of {@link #wakeups()}), at most {@code nanos}. */
        void sleep(long seen, long nanos) throws InterruptedException {
            wakeups.awaitAfter(seen, nanos);
            if (Thread.interrupted()) {
                throw new InterruptedException(processorName + " interrupted while waiting for events");
            }
        }

        @Override
        public String toString() {
            return processorName;
        }
    }

    private final class WakingSource implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final String processorName;
        private final Predicate<Class<?>> handler;
        private final Predicate<TrackedEventMessage<?>> passedBy;
        private final StreamableMessageSource<TrackedEventMessage<?>> delegate;

        WakingSource(String processorName, Predicate<Class<?>> handler, Predicate<TrackedEventMessage<?>> passedBy,
                     StreamableMessageSource<TrackedEventMessage<?>> delegate) {
            this.processorName = processorName;
            this.handler = handler;
            this.passedBy = passedBy;
            this.delegate = delegate;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            Sleeper sleeper = new Sleeper(processorName, handler, passedBy);
            BlockingStream<TrackedEventMessage<?>> stream = delegate.openStream(trackingToken);
            sleepers.add(sleeper);
            return new WakingStream(stream, sleeper);
        }

        @Override
        public TrackingToken createTailToken() {
            return delegate.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return delegate.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return delegate.createTokenAt(dateTime);
        }

        @Override
        public TrackingToken createTokenSince(Duration duration) {
            return delegate.createTokenSince(duration);
        }
    }

    /** A processor's stream: the store's consumer, asked without waiting, and this node's signal to sleep on. */
    final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final Sleeper sleeper;

        WakingStream(BlockingStream<TrackedEventMessage<?>> delegate, Sleeper sleeper) {
            this.delegate = delegate;
            this.sleeper = sleeper;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                // read before looking: a wake-up after this makes the sleep below return at once
                long seen = sleeper.wakeups();
                if (delegate.hasNextAvailable(0, unit)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                sleeper.sleep(seen, Math.min(left, longestSleepNanos));
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return delegate.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            sleepers.remove(sleeper);
            delegate.close();
        }
    }
}
