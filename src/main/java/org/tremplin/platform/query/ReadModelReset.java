package org.tremplin.platform.query;

import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Empties a read model's tables in its {@code @ResetHandler}, in the transaction of the reset (the replay stores the
 * processor's reset token in the same one, so that a crash leaves the model consistent with its token).
 *
 * <p>On PostgreSQL with one {@code TRUNCATE} of every table: it is transactional there (rolled back with the rest),
 * takes no time whatever the rows, and gives the space back at once. A {@code DELETE} of a national store's read models
 * writes and later vacuums every row (the tables then grow by their size at each replay). The tables are locked
 * exclusively until the reset commits, which the replay does at once.
 *
 * <p>On any other database (H2) with a {@code DELETE} per table: H2's {@code TRUNCATE} commits the open transaction and
 * cannot be rolled back, which would break the reset's atomicity with the token.
 */
public final class ReadModelReset {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private ReadModelReset() {
    }

    /** Empties these tables (lower-case names of the read model's own tables) in the current transaction. */
    public static void empty(JdbcClient jdbc, List<String> tables) {
        if (tables.isEmpty()) {
            return;
        }
        tables.forEach(table -> {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("Not a read-model table name: " + table);
            }
        });
        if (onPostgres(jdbc)) {
            jdbc.sql("TRUNCATE TABLE " + String.join(", ", tables)).update();
        } else {
            tables.forEach(table -> jdbc.sql("DELETE FROM " + table).update());
        }
    }

    /** The same, for a few tables. */
    public static void empty(JdbcClient jdbc, String... tables) {
        empty(jdbc, List.of(tables));
    }

    /** Whether this client's connection is to PostgreSQL (asked of the connection of the transaction itself). */
    static boolean onPostgres(JdbcClient jdbc) {
        String product = jdbc.sql("SELECT 1").query((ResultSetExtractor<String>) rows ->
                rows.getStatement().getConnection().getMetaData().getDatabaseProductName());
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }
}
