package org.tremplin.platform.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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
 * <p>Here, once no event has been committed on this node for {@code tremplin.h2.upkeep.idle-after} (30 s), nor the file
 * written more than {@value #IDLE_WRITES_PER_SECOND} times a second (a replay commits no event but writes), a pass every
 * {@code tremplin.h2.upkeep.interval} (5 s) asks H2 to rewrite the live pages of its sparsest chunks
 * ({@link MVStore#compact(int, int)}, while the file's chunks together are under {@value #FILL_RATE} % live, at most
 * {@value #WRITE_PER_PASS_MB} MB a pass), until H2 finds nothing to move or a step comes: the chunks it empties are
 * reused by the next commits once H2's retention time (45 s) has passed, instead of the file growing. Under load
 * nothing is done: the same rewriting run every second under four clients cost the steps more than it saved (session
 * 53). The file does not shrink while the node runs ({@code SHUTDOWN COMPACT} does that, src/docs/operations.md).
 * Measured on the packaged jar (session 54: three times 500 four-client labellings, each followed by two idle minutes):
 * the load phases grew the file by 1.31, then 0.28, then 0.10 GB (the idle passes' own moved pages 0.07 and 0.14 GB;
 * the file 1.90 GB at the end), against 1.33, 1.63 and 1.79 GB without (4.76 GB at the end).
 * Only for a database in an H2 file opened by this process; nothing for an in-memory database, an H2 server or
 * PostgreSQL.
 */
@Component
class H2FileUpkeep {

    /** The live share of the file's chunks together below which pages are moved, in percent. */
    static final int FILL_RATE = 50;
    /**
     * Writes of the file a second that still count as idle: an idle node's seven processors extend their claims about
     * once a second each; a replay or a processor catching up writes far more.
     */
    static final int IDLE_WRITES_PER_SECOND = 20;
    /** At most this much rewritten a pass, so that a step arriving meanwhile waits a fraction of a second at most. */
    static final int WRITE_PER_PASS_MB = 16;

    private static final Logger log = LoggerFactory.getLogger(H2FileUpkeep.class);

    private final DataSource dataSource;
    private final boolean h2File;
    private final LongSupplier localCommits;
    private final long idleAfterNanos;
    private long commitsSeen = -1;
    private long writesSeen;
    /** When the last pass looked (System.nanoTime()); -1 before the first. */
    private long lastLook = -1;
    private long idleSince;
    /** Passes that moved pages since the node became idle, not reported yet. */
    private int passesThisIdle;

    @Autowired
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
        String lower = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        String path = lower.substring("jdbc:h2:".length());
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
     * One pass at {@code now}: when the node has been idle for the idle time (no event committed here, and H2 writing
     * its file no more than {@value #IDLE_WRITES_PER_SECOND} times a second, as the processors' claims do), rewrites
     * the live pages of some sparse chunks; returns whether it did (false when the node is busy, not idle long enough,
     * or no chunk is sparse enough).
     */
    boolean pass(long now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = store(connection);
            if (store == null || store.getFileStore() == null) {
                return false;
            }
            long commits = localCommits.getAsLong();
            long writes = store.getFileStore().getWriteCount();
            // writing without events (a replay rebuilding the read models, processors catching up) is not idle either
            boolean busy = commits != commitsSeen || lastLook < 0
                    || writes - writesSeen > IDLE_WRITES_PER_SECOND * Math.max(1, (now - lastLook) / 1_000_000_000L);
            commitsSeen = commits;
            writesSeen = writes;
            lastLook = now;
            if (busy) {
                idleSince = now;
                passesThisIdle = 0;
                return false;
            }
            if (now - idleSince < idleAfterNanos) {
                return false;
            }
            boolean moved = store.compact(FILL_RATE, WRITE_PER_PASS_MB * 1024 * 1024);
            if (moved) {
                // as H2's own background writer does after it: the moved pages stored, the chunks they left freed (once
                // H2's retention time has passed)
                store.commit();
                store.getFileStore().dropUnusedChunks();
                passesThisIdle++;
                writesSeen = store.getFileStore().getWriteCount();
            } else if (passesThisIdle > 0) {
                log.info("H2 file upkeep while idle: {} passes rewrote the live pages of sparse chunks, whose space the next"
                        + " commits reuse once H2's retention time has passed; file {} MB", passesThisIdle,
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
