package org.tremplin.platform.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/**
 * On PostgreSQL, the connection the event store's shared reader reads the next events through: a pool of its own, of
 * one connection, whose session keeps generic plans ({@code plan_cache_mode = force_generic_plan}).
 *
 * <p>The shared reader (the embedded event store's one stream, which every tracking processor follows) reads the
 * events after its position after every step's commit, on the way of that step's read-your-writes wait, and every
 * 100 ms. Its statement ({@link TrackedEventReads}: a range of the primary key between two parameters) was planned
 * afresh each time: PostgreSQL estimates the generic plan of such a range dearer than the custom one it makes for the
 * values at hand, so it never keeps it. The plan is the same index scan either way; planning it took 0.05 ms in a quiet
 * session and about 0.2 ms under four clients, 17 times the statement's execution (src/docs/performance.md, sessions 37
 * and 38). Setting that mode for the whole pool would also hand Camunda's statements generic plans, which they were not
 * written for; here it concerns the reader's statements alone, which run with auto-commit outside any transaction.
 *
 * <p>H2 plans a statement once per connection ({@code QUERY_CACHE_SIZE}): nothing to do there, and no pool is made.
 */
public final class SharedEventReads implements AutoCloseable {

    /** The setting each of the pool's connections starts with. */
    static final String GENERIC_PLANS = "SET plan_cache_mode = force_generic_plan";

    private final HikariDataSource pool;

    private SharedEventReads(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * The reader's own pool when the application's is a Hikari pool on PostgreSQL, with its URL, credentials and
     * driver properties; otherwise none.
     */
    public static SharedEventReads of(DataSource dataSource) {
        if (!(dataSource instanceof HikariDataSource main) || main.getJdbcUrl() == null
                || !main.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            return new SharedEventReads(null);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("tremplin-event-reader");
        config.setJdbcUrl(main.getJdbcUrl());
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        if (main.getDriverClassName() != null) {
            config.setDriverClassName(main.getDriverClassName());
        }
        config.setDataSourceProperties(main.getDataSourceProperties());
        config.setConnectionTimeout(main.getConnectionTimeout());
        // one thread reads through it; a second connection only while a broken one is replaced
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.setConnectionInitSql(GENERIC_PLANS);
        // no connection at start-up: the pool opens its connection at the first read, once the schema is migrated
        config.setInitializationFailTimeout(-1);
        return new SharedEventReads(new HikariDataSource(config));
    }

    /** The pool to read through, {@code null} when the reader uses the application's. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
