package org.tremplin.platform.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The "as of" checkpoints kept in the database ({@code as_of_checkpoint}): the state of a view's replay after its first
 * {@code steps} steps (their hash, {@link ScratchDatabases#withReplay}), as every read-model row the replay's scratch
 * database held then, compressed ({@link ScratchDatabases} writes and restores them). Unlike the kept scratch
 * databases, they outlive a restart and are shared by every node, so that the first "as of" of a long history after a
 * start, or on another node, restores the latest one within its steps and folds the rest only.
 *
 * <p>A checkpoint is only as good as the code that folded it: each is stored under the {@linkplain #codeVersion() code
 * version}, a digest of the application's classes and migrations, and only checkpoints of the running version are read.
 * A checkpoint is an optimisation: the same steps folded by the same code give the same state, and a missing or
 * unreadable one only means folding more steps.
 */
public class AsOfCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AsOfCheckpoints.class);

    /** A stored checkpoint's key, without its state. */
    public record Stored(int steps, long hash) {
    }

    private final JdbcTemplate jdbc;
    private final String codeVersion;

    public AsOfCheckpoints(JdbcTemplate jdbc, String codeVersion) {
        this.jdbc = jdbc;
        this.codeVersion = codeVersion;
    }

    /** The version of the code the checkpoints written and read here belong to. */
    public String codeVersion() {
        return codeVersion;
    }

    /** The checkpoints of this view of at most {@code maxSteps} steps, the longest first (at most {@code limit}). */
    public List<Stored> candidates(String key, int maxSteps, int limit) {
        return jdbc.query("SELECT steps, steps_hash FROM as_of_checkpoint WHERE view_key = ? AND code_version = ?"
                        + " AND steps <= ? ORDER BY steps DESC LIMIT " + limit,
                (rs, i) -> new Stored(rs.getInt(1), rs.getLong(2)), key, codeVersion, maxSteps);
    }

    /**
     * The views with more than one stored checkpoint at this code version, the longest histories first (by their
     * longest checkpoint), at most {@code limit}: those a start restores ahead.
     */
    public List<String> longestHistories(int limit) {
        return jdbc.query("SELECT view_key FROM as_of_checkpoint WHERE code_version = ? GROUP BY view_key"
                        + " HAVING COUNT(*) > 1 ORDER BY MAX(steps) DESC, view_key LIMIT " + Math.max(0, limit),
                (rs, i) -> rs.getString(1), codeVersion);
    }

    /** Whether this checkpoint is stored. */
    public boolean has(String key, int steps, long hash) {
        Integer found = jdbc.query("SELECT 1 FROM as_of_checkpoint WHERE view_key = ? AND code_version = ? AND steps = ?"
                + " AND steps_hash = ?", rs -> rs.next() ? 1 : null, key, codeVersion, steps, hash);
        return found != null;
    }

    /** The checkpoint's state, as {@link #save} stored it. */
    public Optional<byte[]> state(String key, Stored checkpoint) {
        return Optional.ofNullable(jdbc.query("SELECT state FROM as_of_checkpoint WHERE view_key = ? AND code_version = ?"
                        + " AND steps = ? AND steps_hash = ?", rs -> rs.next() ? rs.getBytes(1) : null,
                key, codeVersion, checkpoint.steps(), checkpoint.hash()));
    }

    /** Stores the checkpoint unless it already is (another request or node wrote the same steps' state: the same rows). */
    public void save(String key, int steps, long hash, byte[] state) {
        if (has(key, steps, hash)) {
            return;
        }
        try {
            jdbc.update("INSERT INTO as_of_checkpoint (view_key, code_version, steps, steps_hash, state, state_bytes,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", key, codeVersion, steps, hash, state,
                    state.length, Timestamp.from(Instant.now()));
        } catch (DataIntegrityViolationException raced) {
            LOG.debug("The checkpoint of {} after {} steps was stored meanwhile", key, steps);
        }
    }

    /**
     * Deletes the checkpoints of every other code version (unreadable by this one), and those versions' scan
     * positions; returns how many checkpoints.
     */
    public int forgetOtherVersions() {
        jdbc.update("DELETE FROM as_of_checkpoint_scan WHERE code_version <> ?", codeVersion);
        return jdbc.update("DELETE FROM as_of_checkpoint WHERE code_version <> ?", codeVersion);
    }

    /**
     * A digest of the application's own classes and database migrations, as packaged: any change to the code that
     * folds the events (a projection, an event, an upcaster, a migration) changes it. Other changes do too, which only
     * costs rebuilding the checkpoints.
     */
    public static String computeCodeVersion() {
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
                    AsOfCheckpoints.class.getClassLoader());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String pattern : List.of("classpath*:org/tremplin/**/*.class", "classpath*:db/migration/**/*.sql")) {
                Resource[] resources = resolver.getResources(pattern);
                Arrays.sort(resources, Comparator.comparing(AsOfCheckpoints::path));
                for (Resource resource : resources) {
                    digest.update(path(resource).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    try (InputStream in = resource.getInputStream()) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("The code version of the \"as of\" checkpoints could not be computed", e);
        }
    }

    /** The resource's path from its package root (the same in the packaged jar and in target/classes). */
    private static String path(Resource resource) {
        try {
            String url = resource.getURL().toString();
            int root = Math.max(url.lastIndexOf("org/tremplin/"), url.lastIndexOf("db/migration/"));
            return root < 0 ? url : url.substring(root);
        } catch (IOException e) {
            return String.valueOf(resource.getFilename());
        }
    }
}
