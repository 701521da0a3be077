package org.tremplin.platform.process;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;

/**
 * Tells every node of a change of users, groups or memberships made through any node's engine, so that what each
 * node's {@link VerifiedCredentials} remembers is never older than about a second.
 *
 * <ul>
 *   <li>The table {@value #TABLE} holds one number, the identity generation. Every engine command that changes users,
 *   groups or memberships (the API, Admin, the engine REST, on any node) adds one to it in its own transaction: the
 *   change and the new generation commit together, or neither does.</li>
 *   <li>Each node reads it every {@code tremplin.security.identity-change-poll} (1 s). A generation other than the one
 *   read before makes the node forget every credential it remembers; each read confirms what is remembered for
 *   {@value #CONFIRMATIONS} polls, and when no read succeeds for that long (the database out of reach, the scheduler
 *   stuck) the node trusts nothing it remembers and checks every request with the engine until a read succeeds.</li>
 * </ul>
 *
 * <p>So a password changed, a user deleted or a membership removed through one node applies on the others within one
 * poll, where {@link VerifiedCredentials}' time to live alone (10 s until session 36) bounded it; and that time to live
 * can be long (5 min), which spares a user who makes a request every few seconds or minutes (a person, not a script)
 * an engine command on nearly every request. A change written straight into Camunda's tables by SQL, outside any
 * engine, is seen after the time to live (or at once if the same transaction adds one to the generation).
 */
@Component
public class IdentityChangesAcrossNodes extends AbstractProcessEnginePlugin {

    /** The table of the identity generation. */
    public static final String TABLE = "identity_change";

    /** Polls that a successful read confirms what is remembered for. */
    static final int CONFIRMATIONS = 5;

    private static final String NEXT_GENERATION = "UPDATE " + TABLE + " SET generation = generation + 1 WHERE id = 1";

    private static final Logger log = LoggerFactory.getLogger(IdentityChangesAcrossNodes.class);

    private final VerifiedCredentials credentials;
    private final JdbcTemplate jdbc;
    private final long confirmedFor;
    private Long seen;
    private boolean failing;

    public IdentityChangesAcrossNodes(VerifiedCredentials credentials, JdbcTemplate jdbc,
                                      @Value("${tremplin.security.identity-change-poll:PT1S}") Duration poll) {
        this.credentials = credentials;
        this.jdbc = jdbc;
        this.confirmedFor = poll.toNanos() * CONFIRMATIONS;
        // nothing remembered is trusted until the generation has been read once
        credentials.confirmUnchangedUntil(System.nanoTime());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // after the command context's interceptor: inside the command's transaction, on its connection
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(new NextGeneration());
    }

    /** Reads the generation: forgets everything when it moved, and confirms what is remembered for a few polls. */
    @Scheduled(initialDelay = 0, fixedDelayString = "${tremplin.security.identity-change-poll:PT1S}")
    public synchronized void look() {
        long started = System.nanoTime();
        Long generation;
        try {
            generation = jdbc.queryForObject("SELECT generation FROM " + TABLE + " WHERE id = 1", Long.class);
        } catch (DataAccessException e) {
            if (!failing) {
                log.warn("Could not read the identity generation ({}): credentials are checked by the engine on every"
                        + " request until it is read again, after {} ms", e.getMessage(), confirmedFor / 1_000_000);
                failing = true;
            }
            return;
        }
        if (failing) {
            log.info("The identity generation is read again");
            failing = false;
        }
        if (!generation.equals(seen)) {
            // moved, or the first read: what was verified before it (as the node started) may predate a change made
            // elsewhere in between, so it is forgotten too
            credentials.forgetAll();
        }
        seen = generation;
        credentials.confirmUnchangedUntil(started + confirmedFor);
    }

    /** Adds one to the generation in the transaction of each command that changes users, groups or memberships. */
    private static final class NextGeneration extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            T result = next.execute(command);
            if (VerifiedCredentials.changesIdentity(command)) {
                Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
                try (PreparedStatement statement = connection.prepareStatement(NEXT_GENERATION)) {
                    statement.executeUpdate();
                } catch (SQLException e) {
                    throw new ProcessEngineException("Could not record the identity change for the other nodes", e);
                }
            }
            return result;
        }
    }
}
