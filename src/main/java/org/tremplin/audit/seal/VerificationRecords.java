package org.tremplin.audit.seal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What successful verifications proved ({@code seal_verification}): the basis an incremental verification starts
 * from. Each row is linked to the one written before it and hashed (HMAC-SHA256 with
 * {@code tremplin.audit.seal.verification-key} when set, plain SHA-256 otherwise), so that a row edited or forged in
 * the database is refused as a basis when the key is kept outside the database.
 */
@Repository
class VerificationRecords {

    /** One verification that checked the chain from {@code fromIndex} to {@code throughIndex} and found it sound. */
    record Record(long id, String mode, long fromIndex, long throughIndex, String throughSeal, long eventsChecked,
                  Instant verifiedAt, String previousHash, String recordHash) {
    }

    static final String NONE = "0".repeat(64);

    private static final RowMapper<Record> ROW = (rs, n) -> new Record(rs.getLong("id"), rs.getString("mode").trim(),
            rs.getLong("from_index"), rs.getLong("through_index"), rs.getString("through_seal").trim(),
            rs.getLong("events_checked"), rs.getObject("verified_at", OffsetDateTime.class).toInstant(),
            rs.getString("previous_hash").trim(), rs.getString("record_hash").trim());

    private static final String COLUMNS = "id, mode, from_index, through_index, through_seal, events_checked,"
            + " verified_at, previous_hash, record_hash";

    private final JdbcTemplate jdbc;
    private final byte[] key;

    VerificationRecords(JdbcTemplate jdbc, @Value("${tremplin.audit.seal.verification-key:}") String key) {
        this.jdbc = jdbc;
        this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    boolean keyed() {
        return key != null;
    }

    /** The row that proved the longest prefix (the latest such), if any. */
    Optional<Record> basis() {
        return jdbc.query("SELECT " + COLUMNS + " FROM seal_verification ORDER BY through_index DESC, id DESC LIMIT 1",
                ROW).stream().findFirst();
    }

    /**
     * Whether the row is as written by this application: its hash recomputes, and its previous_hash is the hash of an
     * earlier row (or none for the first). Null when it checks out, else why not.
     */
    String integrityProblem(Record record) {
        if (!hash(record.mode(), record.fromIndex(), record.throughIndex(), record.throughSeal(), record.eventsChecked(),
                record.verifiedAt(), record.previousHash()).equals(record.recordHash())) {
            return "verification record " + record.id() + " does not match its own hash"
                    + (keyed() ? " (HMAC with the verification key)" : "") + ": the seal_verification table was altered";
        }
        boolean linked = NONE.equals(record.previousHash())
                ? jdbc.queryForObject("SELECT COUNT(*) FROM seal_verification WHERE id < ?", Long.class, record.id()) == 0
                : jdbc.queryForObject("SELECT COUNT(*) FROM seal_verification WHERE record_hash = ? AND id < ?",
                        Long.class, record.previousHash(), record.id()) > 0;
        return linked ? null : "verification record " + record.id() + " does not follow an earlier record"
                + " (its previous_hash is no earlier row's hash): the seal_verification table was altered";
    }

    /** Records what a verification proved; serialised in this node so that each row links to the one before. */
    synchronized void record(String mode, long fromIndex, long throughIndex, String throughSeal, long eventsChecked,
                             Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        String previous = jdbc.query("SELECT record_hash FROM seal_verification ORDER BY id DESC LIMIT 1",
                (rs, n) -> rs.getString(1).trim()).stream().findFirst().orElse(NONE);
        String hash = hash(mode, fromIndex, throughIndex, throughSeal, eventsChecked, at, previous);
        jdbc.update("INSERT INTO seal_verification (mode, from_index, through_index, through_seal, events_checked,"
                        + " verified_at, previous_hash, record_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", mode, fromIndex,
                throughIndex, throughSeal, eventsChecked, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), previous, hash);
    }

    private String hash(String mode, long fromIndex, long throughIndex, String throughSeal, long eventsChecked,
                        Instant verifiedAt, String previousHash) {
        byte[] input = String.join("|", "seal-verification-v1", mode, Long.toString(fromIndex),
                Long.toString(throughIndex), throughSeal, Long.toString(eventsChecked),
                verifiedAt.truncatedTo(ChronoUnit.MILLIS).toString(), previousHash).getBytes(StandardCharsets.UTF_8);
        try {
            if (key != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(input));
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and HmacSHA256 are part of every Java runtime", e);
        }
    }
}
