package org.tremplin.shared;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Random identifiers for what has no natural key (a project idea, an investment round, a round's document): a prefix
 * and twelve hexadecimal capitals, 48 random bits.
 *
 * <p>Eight digits (32 bits, the first eight of a random UUID) gave even odds of two equal ids by about 77,000 projects,
 * and a one in four chance at a national 50,000 (the second creation is refused as a conflict, so the person had to
 * submit again); with 48 bits the odds of any two equal among a million projects are under one in five hundred.
 */
public final class RandomIds {

    /** Hexadecimal digits after the prefix. */
    public static final int DIGITS = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** The prefix followed by {@value #DIGITS} random hexadecimal capitals, e.g. {@code PRJ-3FA94C0B12DE}. */
    public static String of(String prefix) {
        long bits = RANDOM.nextLong() & ((1L << (4 * DIGITS)) - 1);
        return prefix + String.format(Locale.ROOT, "%0" + DIGITS + "X", bits);
    }
}
