package org.tremplin.platform.config;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which appends the storage engine may hand to the shared reader from memory once their transaction commits
 * ({@link LastBatchAwareStorageEngine#committedHereAfter}): a step's (a request's command, a process step's), not an
 * event handler's command, whose savepoint can roll its rows back while the processor's batch commits.
 */
class EventHandlerAppendsTest {

    @Test
    void a_command_sent_while_an_event_is_handled_counts_as_an_event_handlers_a_steps_command_does_not() {
        assertThat(LastBatchAwareStorageEngine.inEventHandler()).as("no unit of work").isFalse();

        UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("submit the idea"));
        try {
            assertThat(LastBatchAwareStorageEngine.inEventHandler()).as("a step's command").isFalse();
        } finally {
            command.rollback();
        }

        UnitOfWork<?> event = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("a convention signed"));
        try {
            UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("release the aid"));
            try {
                assertThat(LastBatchAwareStorageEngine.inEventHandler()).as("a handler's command").isTrue();
            } finally {
                nested.rollback();
            }
            assertThat(LastBatchAwareStorageEngine.inEventHandler()).as("the handler itself").isTrue();
        } finally {
            event.rollback();
        }
        assertThat(LastBatchAwareStorageEngine.inEventHandler()).isFalse();
    }
}
