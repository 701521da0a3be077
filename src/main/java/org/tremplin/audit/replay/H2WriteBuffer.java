package org.tremplin.audit.replay;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H2's page buffer, widened while a replay writes the read models again.
 *
 * <p>H2's store (MVStore) writes every changed page to its file at each commit when the write delay is 0 (the
 * application's default), and also whenever the changed pages waiting in memory pass a fixed threshold: 19 MB with
 * any heap over 300 MB (H2 2.3's {@code autoCommitBufferSize}, which no database setting reaches). A replay batch of
 * the {@code funding} model changes more than that before it commits, so its pages were written to the file several
 * times over within each batch. While a replay streams, the threshold is raised (to an eighth of the heap, at most
 * 256 MB), then put back. A commit still writes everything at once, so what a commit acknowledges is on disk as before.
 *
 * <p>H2 offers no setting for it: the field is reached by reflection, on the embedded H2 only. Another H2 version
 * without that field leaves the replay as it was, with a log line.
 */
final class H2WriteBuffer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H2WriteBuffer.class);
    private static final long MOST = 256L * 1024 * 1024;

    private final Object store;
    private final Field field;
    private final int before;

    private H2WriteBuffer(Object store, Field field, int before) {
        this.store = store;
        this.field = field;
        this.before = before;
    }

    /** The threshold while a replay writes: an eighth of the heap, at most 256 MB. */
    static int replaySize() {
        return (int) Math.min(MOST, Runtime.getRuntime().maxMemory() / 8);
    }

    /** Raises the store's threshold to at least {@code bytes}; null when the database is not an embedded H2 file. */
    static H2WriteBuffer widen(DataSource dataSource, int bytes) {
        Object store;
        try (Connection connection = dataSource.getConnection()) {
            store = mvStore(connection);
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            log.info("Replay without a wider H2 page buffer: {}", e.toString());
            return null;
        }
        if (store == null) {
            return null;
        }
        try {
            Field field = store.getClass().getDeclaredField("autoCommitMemory");
            field.setAccessible(true);
            int before = field.getInt(store);
            if (before <= 0 || before >= bytes) {
                return null;
            }
            field.setInt(store, bytes);
            log.debug("H2 page buffer {} -> {} bytes for the replay", before, bytes);
            return new H2WriteBuffer(store, field, before);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("Replay without a wider H2 page buffer: {}", e.toString());
            return null;
        }
    }

    /** The threshold H2 applies now, in bytes; -1 when the database is not an embedded H2 file. */
    static int current(DataSource dataSource) throws SQLException, ReflectiveOperationException {
        try (Connection connection = dataSource.getConnection()) {
            Object store = mvStore(connection);
            return store == null ? -1 : (int) store.getClass().getMethod("getAutoCommitMemory").invoke(store);
        }
    }

    /** Puts H2's own threshold back. */
    @Override
    public void close() {
        try {
            field.setInt(store, before);
        } catch (IllegalAccessException | RuntimeException e) {
            log.warn("H2's page buffer could not be put back to {} bytes", before, e);
        }
    }

    /** The embedded database's MVStore behind a connection of the pool, or null (not H2, or H2 in memory or remote). */
    private static Object mvStore(Connection connection) throws SQLException, ReflectiveOperationException {
        Class<?> h2Connection;
        try {
            h2Connection = Class.forName("org.h2.jdbc.JdbcConnection");
        } catch (ClassNotFoundException e) {
            return null;
        }
        if (!connection.isWrapperFor(h2Connection)) {
            return null;
        }
        Object h2 = connection.unwrap(h2Connection);
        Object session = h2Connection.getMethod("getSession").invoke(h2);
        if (!session.getClass().getName().equals("org.h2.engine.SessionLocal")) {
            return null;
        }
        Object database = session.getClass().getMethod("getDatabase").invoke(session);
        Object h2Store = database.getClass().getMethod("getStore").invoke(database);
        Object store = h2Store.getClass().getMethod("getMvStore").invoke(h2Store);
        Object fileStore = store.getClass().getMethod("getFileStore").invoke(store);
        return fileStore == null ? null : store;
    }
}
