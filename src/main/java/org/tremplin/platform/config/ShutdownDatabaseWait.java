package org.tremplin.platform.config;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Once the node starts to stop, a wait for a database connection is cut to {@code tremplin.shutdown.database-wait}
 * (2 s by default) instead of the pools' 30 s (the application's pool and the event store reader's,
 * {@link SharedEventReads}).
 *
 * <p>A node told to stop while its database is out of reach (a PostgreSQL server stopped or cut off) took 111 s to exit
 * (session 50, a local PostgreSQL 15 stopped with {@code -m immediate}, then SIGTERM): each step of the shutdown that
 * touches the database waited the pool's whole connection timeout in turn (the "as of" checkpoints' builder, Camunda's
 * metrics flush, the job executor's acquisition, the process engine's close), longer than an orchestrator's usual
 * grace period, which then kills the process anyway. Nothing could commit meanwhile, so nothing is lost either way.
 * With the wait cut, the same stop took 37 s (session 52), most of it waits begun before the stop, which keep their
 * 30 s. With the database there, a connection comes in milliseconds and the requests still under way when the stop
 * began finish as before (graceful shutdown).
 *
 * <p>The pool's setting is changed through Hikari's configuration bean and applied to the running pool at once
 * ({@link #applyNow}); it holds for the waits that begin after, a wait already under way keeps its own deadline.
 */
@Component
public class ShutdownDatabaseWait implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDatabaseWait.class);

    /** Hikari refuses a connection timeout under 250 ms. */
    private static final Duration SHORTEST = Duration.ofMillis(250);

    private final List<DataSource> dataSources;
    private final ApplicationContext context;
    private final Duration wait;

    @Autowired
    public ShutdownDatabaseWait(DataSource dataSource, ObjectProvider<SharedEventReads> eventReads,
                                ApplicationContext context,
                                @Value("${tremplin.shutdown.database-wait:PT2S}") Duration wait) {
        this(pools(dataSource, eventReads.getIfAvailable()), context, wait);
    }

    private static List<DataSource> pools(DataSource dataSource, SharedEventReads eventReads) {
        return eventReads == null || eventReads.dataSource() == null ? List.of(dataSource)
                : List.of(dataSource, eventReads.dataSource());
    }

    /** For these pools (the application's and the event store reader's). */
    ShutdownDatabaseWait(List<DataSource> dataSources, ApplicationContext context, Duration wait) {
        if (wait.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("tremplin.shutdown.database-wait must be at least 250 ms (2 s by default): "
                    + wait);
        }
        this.dataSources = List.copyOf(dataSources);
        this.context = context;
        this.wait = wait;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            // a child context closing (its events reach this one too): this node goes on
            return;
        }
        dataSources.forEach(this::shorten);
    }

    private void shorten(DataSource dataSource) {
        HikariDataSource pool = pool(dataSource);
        if (pool == null || pool.getHikariConfigMXBean() == null) {
            return;
        }
        long before = pool.getHikariConfigMXBean().getConnectionTimeout();
        if (before > wait.toMillis()) {
            pool.getHikariConfigMXBean().setConnectionTimeout(wait.toMillis());
            applyNow(pool);
            log.debug("Stopping: a wait for a connection of {} now ends after {} ms instead of {}", pool.getPoolName(),
                    wait.toMillis(), before);
        }
    }

    /**
     * Hikari's running pool copies the setting from its configuration only when its housekeeper runs (every 30 s):
     * measured, a wait begun 4 s after the change still lasted 30 s, and the node took 47 s to stop instead of 101.
     * The pool's copy is set at once here; should Hikari ever rename it, the housekeeper's next run applies the setting.
     */
    private void applyNow(HikariDataSource pool) {
        Object running = pool.getHikariPoolMXBean();
        if (running == null) {
            return;
        }
        try {
            java.lang.reflect.Field copy = Class.forName("com.zaxxer.hikari.pool.PoolBase").getDeclaredField("connectionTimeout");
            copy.setAccessible(true);
            copy.setLong(running, wait.toMillis());
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("The pool applies the shorter wait at its housekeeper's next run: {}", e.toString());
        }
    }

    /** The connection pool behind a data source, if it is Hikari's. */
    private static HikariDataSource pool(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
