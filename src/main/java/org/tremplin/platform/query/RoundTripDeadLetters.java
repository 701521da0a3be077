package org.tremplin.platform.query;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The dead-letter queue of a group applied in the step's transaction (decision 11), as its handlers in the step see it.
 * Before each event, Axon asks whether the event's sequence (its aggregate) already waits in the queue, so that a later
 * event waits behind it: a round trip to PostgreSQL for every event a step applies. When every handler of the group
 * for the event writes in one round trip ({@link OneRoundTripWrites}, on PostgreSQL), the question goes with the
 * handler's writes instead ({@link HandlerRoundTrip}): the answer here is "not present", and when the database says
 * otherwise the handler's writes are rolled back to its savepoint and the event parked behind the others, as before —
 * with the failure {@link HandlerRoundTrip.ParkedBehind} as its cause. Everything else is the queue's own.
 */
public final class RoundTripDeadLetters implements SequencedDeadLetterQueue<EventMessage<?>> {

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final String group;
    private final List<EventMessageHandler> handlers;
    private final BooleanSupplier postgres;

    /**
     * @param queue    the group's queue
     * @param group    the processing group (the queue's {@code processingGroup})
     * @param handlers the group's handlers, as its in-step invoker runs them
     * @param postgres whether the database is PostgreSQL (asked once the first step runs)
     */
    public RoundTripDeadLetters(SequencedDeadLetterQueue<EventMessage<?>> queue, String group,
                                List<EventMessageHandler> handlers, BooleanSupplier postgres) {
        this.queue = queue;
        this.group = group;
        this.handlers = List.copyOf(handlers);
        this.postgres = postgres;
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return queue.contains(sequenceIdentifier);
        }
        var unitOfWork = CurrentUnitOfWork.get();
        if (InStep.current() && postgres.getAsBoolean() && unitOfWork.getMessage() instanceof EventMessage<?> event
                && inOneRoundTrip(event)) {
            // asked with the handlers' writes ("not present" until the database says otherwise)
            unitOfWork.resources().put(HandlerRoundTrip.PARKED_CHECK,
                    new HandlerRoundTrip.ParkedCheck(group, sequenceId(sequenceIdentifier)));
            return false;
        }
        unitOfWork.resources().remove(HandlerRoundTrip.PARKED_CHECK);
        return queue.contains(sequenceIdentifier);
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        if (!contains(sequenceIdentifier)) {
            return false;
        }
        queue.enqueue(sequenceIdentifier, letterBuilder.get());
        return true;
    }

    /** Whether every handler of the group for this event writes in one round trip (and at least one handles it). */
    private boolean inOneRoundTrip(EventMessage<?> event) {
        boolean any = false;
        for (EventMessageHandler handler : handlers) {
            if (handler.canHandle(event)) {
                if (!OneRoundTripWrites.class.isAssignableFrom(handler.getTargetType())) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** The sequence as Axon's JDBC queue stores it: a text as it is, anything else by its hash code. */
    private static String sequenceId(Object sequenceIdentifier) {
        return sequenceIdentifier instanceof String text ? text : Integer.toString(sequenceIdentifier.hashCode());
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        queue.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        java.util.function.UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        queue.requeue(letter, letterUpdater);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        return queue.process(sequenceFilter, processingTask);
    }

    @Override
    public void clear() {
        queue.clear();
    }
}
