package org.tremplin.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tremplin.platform.web.DatabaseOutOfReach;

/**
 * "Nothing was stored" only for a request that had committed nothing: one that committed its step and then found no
 * connection (a read for its answer) is told to look before sending it again, even once its committed events were
 * taken for the read-your-writes wait.
 */
class DatabaseOutOfReachAfterCommitTest {

    private static final Exception NO_CONNECTION = new CannotCreateTransactionException("Could not open JDBC Connection",
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void no_connection_before_any_commit_is_nothing_stored_after_a_commit_is_look_before_sending_again() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest("POST", "/api/x")));
        assertThat(DatabaseOutOfReach.of(NO_CONNECTION)).isEqualTo(DatabaseOutOfReach.NOT_CONNECTED);

        CommittedEvents.recordCommitted(List.of(GenericEventMessage.asEventMessage("a step's event")));
        assertThat(DatabaseOutOfReach.of(NO_CONNECTION)).isEqualTo(DatabaseOutOfReach.CONNECTION_LOST);
        CommittedEvents.takeForCurrentRequest();
        assertThat(DatabaseOutOfReach.of(NO_CONNECTION)).as("the wait took the events; the request still committed")
                .isEqualTo(DatabaseOutOfReach.CONNECTION_LOST);

        // another request, which committed nothing
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest("POST", "/api/y")));
        assertThat(DatabaseOutOfReach.of(NO_CONNECTION)).isEqualTo(DatabaseOutOfReach.NOT_CONNECTED);
    }
}
