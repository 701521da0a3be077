package org.tremplin.platform.query;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Empties a read model's tables in its {@code @ResetHandler}, in the transaction of the reset: the replay stores the
 * processor's reset token in the same one, so that a crash leaves the model consistent with its token.
 *
 * <p>A {@code DELETE} per table, on both databases. A {@code TRUNCATE} was tried (session 11, see performance.md): H2's
 * commits the open transaction, which breaks the reset's atomicity with the token; PostgreSQL's is transactional, but
 * takes an exclusive lock that waits for every open reader of the table and makes every later reader wait behind it
 * (a live step's read of another model's table could then deadlock with it), for no time measured saved on a replay
 * of 10⁶ events.
 */
public final class ReadModelReset {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private ReadModelReset() {
    }

    /** Empties these tables (lower-case names of the read model's own tables) in the current transaction. */
    public static void empty(JdbcClient jdbc, List<String> tables) {
        tables.forEach(table -> {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("Not a read-model table name: " + table);
            }
        });
        tables.forEach(table -> jdbc.sql("DELETE FROM " + table).update());
    }

    /** The same, for a few tables. */
    public static void empty(JdbcClient jdbc, String... tables) {
        empty(jdbc, List.of(tables));
    }
}
