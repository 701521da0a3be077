package org.tremplin.platform.query;

import jakarta.annotation.PreDestroy;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;

/**
 * Throwaway in-memory H2 databases with the read models' schema, for rebuilding a read model "as of" an instant with
 * the very same projection code. Migrating a new database costs about 100 ms (Flyway, every migration); so databases
 * are migrated once and reused: the work runs in one transaction that is rolled back, then every table is emptied
 * ({@code TRUNCATE ... RESTART IDENTITY}) and the rows the migrations themselves inserted are put back, which leaves the
 * database as a fresh migration would.
 * At most {@code tremplin.audit.as-of.pool-size} idle databases are kept; a request that finds none migrates one.
 * A database whose reset fails is dropped.
 */
@Component
public class ScratchDatabases {

    private static final String SEED_SCHEMA = "TREMPLIN_SEED";

    private final LinkedBlockingDeque<Scratch> idle = new LinkedBlockingDeque<>();
    private final int poolSize;

    public ScratchDatabases(@Value("${tremplin.audit.as-of.pool-size:4}") int poolSize) {
        this.poolSize = Math.max(0, poolSize);
    }

    /** Runs the work on an empty, migrated database of its own, then gives the database back. */
    public <T> T withScratch(Function<JdbcClient, T> work) {
        Scratch scratch = idle.pollFirst();
        if (scratch == null) {
            scratch = Scratch.migrate();
        }
        boolean reusable = false;
        try {
            // one transaction for the whole rebuild, rolled back: no commit per statement (measured: a commit per
            // projection statement was a visible share of an "as of" of 10⁴ events)
            scratch.begin();
            T result = work.apply(JdbcClient.create(scratch.dataSource));
            reusable = scratch.rollback();
            return result;
        } finally {
            if (reusable && idle.size() < poolSize && scratch.reset()) {
                idle.offerFirst(scratch);
            } else {
                scratch.destroy();
            }
        }
    }

    /** Idle databases kept (for tests). */
    int idleCount() {
        return idle.size();
    }

    @PreDestroy
    void close() {
        for (Scratch scratch = idle.pollFirst(); scratch != null; scratch = idle.pollFirst()) {
            scratch.destroy();
        }
    }

    private static final class Scratch {
        final SingleConnectionDataSource dataSource;
        final List<String> tables;
        final List<String> seeded;

        private Scratch(SingleConnectionDataSource dataSource, List<String> tables, List<String> seeded) {
            this.dataSource = dataSource;
            this.tables = tables;
            this.seeded = seeded;
        }

        static Scratch migrate() {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                    "jdbc:h2:mem:scratch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0", "sa", "", true);
            try {
                Flyway.configure().dataSource(dataSource)
                        .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
                List<String> tables = new ArrayList<>();
                List<String> seeded = new ArrayList<>();
                Connection connection = dataSource.getConnection();
                try (Statement statement = connection.createStatement()) {
                    try (ResultSet rows = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                            + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
                        while (rows.next()) {
                            String table = rows.getString(1);
                            if (!table.toLowerCase(Locale.ROOT).startsWith("flyway_schema_history")) {
                                tables.add(table);
                            }
                        }
                    }
                    statement.execute("CREATE SCHEMA " + SEED_SCHEMA);
                    for (String table : tables) {
                        try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
                            count.next();
                            if (count.getLong(1) > 0) {
                                seeded.add(table);
                                statement.execute("CREATE TABLE " + SEED_SCHEMA + "." + quote(table) + " AS SELECT * FROM "
                                        + quote(table));
                            }
                        }
                    }
                }
                return new Scratch(dataSource, List.copyOf(tables), List.copyOf(seeded));
            } catch (SQLException | RuntimeException e) {
                dataSource.destroy();
                throw new IllegalStateException("A scratch database for an \"as of\" view could not be migrated", e);
            }
        }

        void begin() {
            try {
                dataSource.getConnection().setAutoCommit(false);
            } catch (SQLException e) {
                throw new IllegalStateException("A scratch database could not start a transaction", e);
            }
        }

        /** Undoes the work; false if that failed (the database is then dropped). */
        boolean rollback() {
            try {
                Connection connection = dataSource.getConnection();
                connection.rollback();
                connection.setAutoCommit(true);
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        /**
         * Back to a freshly migrated state, also for what a rollback does not undo (identity counters, and anything
         * committed by a statement that commits by itself); false if that failed (the database is then dropped).
         */
        boolean reset() {
            try (Statement statement = dataSource.getConnection().createStatement()) {
                statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
                for (String table : tables) {
                    if (seeded.contains(table)) {
                        statement.execute("DELETE FROM " + quote(table));
                        statement.execute("INSERT INTO " + quote(table) + " SELECT * FROM " + SEED_SCHEMA + "." + quote(table));
                    } else {
                        statement.execute("TRUNCATE TABLE " + quote(table) + " RESTART IDENTITY");
                    }
                }
                statement.execute("SET REFERENTIAL_INTEGRITY TRUE");
                return true;
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }

        void destroy() {
            dataSource.destroy();
        }

        private static String quote(String table) {
            return '"' + table.replace("\"", "\"\"") + '"';
        }
    }
}
