package org.tremplin.audit.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain function. seal_n = SHA-256(seal_{n-1} || globalIndex || eventIdentifier || aggregateIdentifier
 * || sequenceNumber || type || payloadType || payloadRevision || timeStamp || payload || metaData), hex.
 * Previous seal as its 32 raw bytes; numbers as 8-byte big-endian; each text or byte field preceded by its
 * length (4 bytes, -1 for null) so that no two different rows give the same input. A permanent gap is
 * SHA-256(seal_{n-1} || globalIndex || -2), -2 being a length no event field can have.
 */
final class SealHash {

    /** The "previous seal" of the first link. */
    static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private SealHash() {
    }

    static String event(String previous, StoredEvent event) {
        MessageDigest digest = start(previous, event.globalIndex());
        text(digest, event.eventIdentifier());
        text(digest, event.aggregateIdentifier());
        digest.update(ByteBuffer.allocate(8).putLong(event.sequenceNumber()).array());
        text(digest, event.type());
        text(digest, event.payloadType());
        text(digest, event.payloadRevision());
        text(digest, event.timeStamp());
        bytes(digest, event.payload());
        bytes(digest, event.metaData());
        return HEX.formatHex(digest.digest());
    }

    static String gap(String previous, long globalIndex) {
        MessageDigest digest = start(previous, globalIndex);
        digest.update(ByteBuffer.allocate(4).putInt(-2).array());
        return HEX.formatHex(digest.digest());
    }

    static boolean isSeal(String value) {
        return value != null && value.length() == 64 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static MessageDigest start(String previous, long globalIndex) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(HEX.parseHex(previous.trim()));
            digest.update(ByteBuffer.allocate(8).putLong(globalIndex).array());
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void text(MessageDigest digest, String value) {
        bytes(digest, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }
}
