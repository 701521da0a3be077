package org.tremplin.platform.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps an H2 file from growing with every byte committed, while the node is idle.
 *
 * <p>H2 never writes a page in place: each commit stores the pages it changed in a new chunk of the file, and a chunk's
 * space is reused only once none of its pages is live. Most chunks keep a page or two that is never written again (a
 * rarely changed table's leaf, an index node), so they are never freed; H2 moves such pages into new chunks from its
 * background writer, which runs only with a write delay above 0, and the default URL has {@code WRITE_DELAY=0} (a
 * commit is in the file before it is acknowledged). So the file grew by about what was committed: 6.0 GB after 1,900
 * labellings under load (src/docs/performance.md, session 53), and at a pole's pace a node left running kept growing
 * until a restart compacted a little of it.
 *
 * <p>Here, once no event has been committed on this node for {@code tremplin.h2.upkeep.idle-after} (30 s), a pass every
 * {@code tremplin.h2.upkeep.interval} (5 s) asks H2 to rewrite the live pages of its sparsest chunks
 * ({@link MVStore#compact(int, int)}: chunks under {@value #FILL_RATE} % live, at most {@value #WRITE_PER_PASS_MB} MB a
 * pass), until none is left or a step comes: the chunks it empties are reused by the next commits (once H2's
 * retention time has passed), so the file stops growing. Under load nothing is done: the same rewriting run every
 * second under four clients cost the steps more than it saved (session 53). The file does not shrink while the node
 * runs ({@code SHUTDOWN COMPACT} does that, src/docs/operations.md); it stops growing past what the busy hours need.
 * Only for a database in an H2 file opened by this process; nothing for an in-memory database, an H2 server or
 * PostgreSQL.
 */
@Component
class H2FileUpkeep {

    /** The live share under which a chunk's pages are moved, in percent (H2's own writer uses up to 90). */
    static final int FILL_RATE = 50;
    /** At most this much rewritten a pass, so that a step arriving meanwhile waits a fraction of a second at most. */
    static final int WRITE_PER_PASS_MB = 16;

    private static final Logger log = LoggerFactory.getLogger(H2FileUpkeep.class);

    private final DataSource dataSource;
    private final boolean h2File;
    private final LongSupplier localCommits;
    private final long idleAfterNanos;
    private long commitsSeen = -1;
    private long unchangedSince;
    /** Passes that moved pages since the node became idle, not reported yet. */
    private int passesThisIdle;
    private int fillRateBefore;

    H2FileUpkeep(DataSource dataSource, EventStorageEngine storageEngine,
                 @Value("${spring.datasource.url:}") String url,
                 @Value("${tremplin.h2.upkeep.idle-after:PT30S}") Duration idleAfter) {
        this(dataSource, isH2File(url), storageEngine instanceof LastBatchAwareStorageEngine engine
                ? engine::localCommits : () -> 0, idleAfter);
    }

    H2FileUpkeep(DataSource dataSource, boolean h2File, LongSupplier localCommits, Duration idleAfter) {
        if (idleAfter.isNegative()) {
            throw new IllegalArgumentException("tremplin.h2.upkeep.idle-after must not be negative (30 s by default): "
                    + idleAfter);
        }
        this.dataSource = dataSource;
        this.h2File = h2File;
        this.localCommits = localCommits;
        this.idleAfterNanos = idleAfter.toNanos();
    }

    /** True for an embedded H2 database kept in a file (through {@code retry:} or not). */
    static boolean isH2File(String url) {
        if (url == null || !url.trim().toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:h2:")) {
            return false;
        }
        String path = url.trim().toLowerCase(java.util.Locale.ROOT).substring("jdbc:h2:".length());
        return !(path.startsWith("mem:") || path.startsWith("tcp:") || path.startsWith("ssl:") || path.startsWith("zip:"));
    }

    @Scheduled(initialDelayString = "${tremplin.h2.upkeep.interval:PT5S}", fixedDelayString = "${tremplin.h2.upkeep.interval:PT5S}")
    void upkeep() {
        if (!h2File) {
            return;
        }
        try {
            pass(System.nanoTime());
        } catch (SQLException | RuntimeException e) {
            // the next pass tries again; a step is never held up by this
            log.warn("H2 file upkeep failed: {}", e.toString());
        }
    }

    /**
     * One pass at {@code now}: when no event was committed here for the idle time, rewrites the live pages of some
     * sparse chunks; returns whether it did (false when the node is not idle or no chunk is sparse enough).
     */
    boolean pass(long now) throws SQLException {
        long commits = localCommits.getAsLong();
        if (commits != commitsSeen) {
            commitsSeen = commits;
            unchangedSince = now;
            passesThisIdle = 0;
            return false;
        }
        if (now - unchangedSince < idleAfterNanos) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = store(connection);
            if (store == null || store.getFileStore() == null) {
                return false;
            }
            if (passesThisIdle == 0) {
                fillRateBefore = store.getFileStore().getChunksFillRate();
            }
            boolean moved = store.compact(FILL_RATE, WRITE_PER_PASS_MB * 1024 * 1024);
            if (moved) {
                // as H2's own background writer does after it: the moved pages stored, the chunks they left freed (once
                // H2's retention time has passed)
                store.commit();
                store.getFileStore().dropUnusedChunks();
                passesThisIdle++;
            } else if (passesThisIdle > 0) {
                log.info("H2 file upkeep while idle: {} passes, chunks {} % live before, {} % now; file {} MB",
                        passesThisIdle, fillRateBefore, store.getFileStore().getChunksFillRate(),
                        store.getFileStore().size() / (1024 * 1024));
                passesThisIdle = 0;
            }
            return moved;
        }
    }

    /** The H2 store behind a connection of this process, or null for another database. */
    static MVStore store(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        return session.getDatabase().isPersistent() && session.getDatabase().getStore() != null
                ? session.getDatabase().getStore().getMvStore() : null;
    }
}
