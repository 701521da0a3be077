package org.tremplin.platform.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Warns at start-up when the datasource is an H2 file opened without H2's {@code retry:} file system.
 *
 * <p>H2 reads and writes its file through a {@code FileChannel}, an interruptible channel: a thread interrupted in the
 * middle of one of those reads or writes closes the file for every connection, and the database answers "The database
 * has been closed" to everyone until the application is restarted (seen on the national store: a stop during a replay,
 * src/docs/performance.md, session 22). The application's own background threads are never interrupted
 * ({@link org.tremplin.platform.BackgroundThreads}), but libraries do it: Axon's tracking processors interrupt a worker
 * still running five seconds after their shutdown began. H2's {@code retry:} file system reopens the file and retries
 * the operation instead; the default URL uses it ({@code jdbc:h2:retry:file:./data/tremplin}). A URL given by an
 * operator without it still works, with that risk, and this says so once.
 */
@Component
class H2FileSystemCheck {

    private static final Logger log = LoggerFactory.getLogger(H2FileSystemCheck.class);

    private final String url;

    H2FileSystemCheck(@Value("${spring.datasource.url:}") String url) {
        this.url = url;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenInterruptible() {
        if (isInterruptibleH2File(url)) {
            log.warn("spring.datasource.url opens an H2 file without H2's retry: file system ({}): a thread interrupted"
                    + " while it reads or writes the file closes the database for every connection until a restart;"
                    + " write it jdbc:h2:retry:file:<path>;... as the default does (src/docs/operations.md)",
                    withoutOptions(url));
        }
    }

    /**
     * True for an embedded H2 database kept in a file whose path does not go through {@code retry:}; false for
     * {@code retry:} files, in-memory databases, H2 servers reached over TCP or SSL (their file is another process's)
     * and any other database.
     */
    static boolean isInterruptibleH2File(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        String path = lower.substring("jdbc:h2:".length());
        return !(path.startsWith("retry:") || path.startsWith("mem:") || path.startsWith("tcp:")
                || path.startsWith("ssl:") || path.startsWith("zip:"));
    }

    private static String withoutOptions(String url) {
        int options = url.indexOf(';');
        return options < 0 ? url : url.substring(0, options);
    }
}
