package org.tremplin.platform.query;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Empties a read model's tables in its {@code @ResetHandler}, in the transaction of the reset: the replay stores the
 * processor's reset token in the same one, so that a crash leaves the model consistent with its token.
 *
 * <p>A {@code DELETE} per table by default, on both databases. PostgreSQL's {@code TRUNCATE} was tried (session 11,
 * see performance.md): it is transactional, but takes an exclusive lock that waits for every open reader of the table
 * and makes every later reader wait behind it (a live step's read of another model's table could then deadlock with
 * it), for no time measured saved on a replay of 10⁶ events.
 *
 * <p>H2's {@code DELETE} of a large table is slow (the first minute of a replay of 10⁶ events) and its
 * {@code TRUNCATE} commits the open transaction. Inside {@link #truncating}, on H2 only, the tables are truncated: the
 * caller has committed beforehand a mark that makes a crash or a failure after the first truncation finish the reset
 * (the replay's {@code ReadModelResetMarks}).
 */
public final class ReadModelReset {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    /** While {@link #truncating} runs: told the tables before they are truncated; null otherwise. */
    private static final ThreadLocal<Consumer<List<String>>> TRUNCATING = new ThreadLocal<>();

    private ReadModelReset() {
    }

    /**
     * Runs the reset handlers so that, on H2, they empty their tables with {@code TRUNCATE}, each committing at once.
     * Only for a caller that has committed a mark from which an interrupted reset is finished: {@code beforeTruncating}
     * is told each handler's tables in the reset's transaction just before they are truncated (the first
     * {@code TRUNCATE} commits what it wrote), so that the mark names every table a handler empties.
     */
    public static void truncating(Consumer<List<String>> beforeTruncating, Runnable reset) {
        Consumer<List<String>> outer = TRUNCATING.get();
        TRUNCATING.set(beforeTruncating);
        try {
            reset.run();
        } finally {
            TRUNCATING.set(outer);
        }
    }

    /** Empties these tables (lower-case names of the read model's own tables) in the current transaction. */
    public static void empty(JdbcClient jdbc, List<String> tables) {
        tables.forEach(table -> {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("Not a read-model table name: " + table);
            }
        });
        Consumer<List<String>> beforeTruncating = TRUNCATING.get();
        if (beforeTruncating != null && !tables.isEmpty() && isH2(jdbc)) {
            beforeTruncating.accept(List.copyOf(tables));
            tables.forEach(table -> jdbc.sql("TRUNCATE TABLE " + table).update());
        } else {
            tables.forEach(table -> jdbc.sql("DELETE FROM " + table).update());
        }
    }

    private static boolean isH2(JdbcClient jdbc) {
        return jdbc.sql("SELECT 1").query((java.sql.ResultSet rows) ->
                "H2".equalsIgnoreCase(rows.getStatement().getConnection().getMetaData().getDatabaseProductName()));
    }

    /** The same, for a few tables. */
    public static void empty(JdbcClient jdbc, String... tables) {
        empty(jdbc, List.of(tables));
    }
}
