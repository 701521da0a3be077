package org.tremplin.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared reader's own connections are for PostgreSQL only: on H2, or any pool but Hikari's, it reads as before. */
class SharedEventReadsTest {

    @Test
    void on_h2_the_reader_keeps_the_engine_s_connections() {
        try (HikariDataSource h2 = new HikariDataSource()) {
            h2.setJdbcUrl("jdbc:h2:mem:shared-reads");
            try (SharedEventReads reads = SharedEventReads.of(h2)) {
                assertThat(reads.dataSource()).isNull();
            }
        }
        try (SharedEventReads reads = SharedEventReads.of(new JdbcDataSource())) {
            assertThat(reads.dataSource()).isNull();
        }
    }

    @Test
    void on_postgresql_the_reader_gets_a_pool_of_one_connection_with_generic_plans_opened_at_the_first_read() {
        try (HikariDataSource postgres = new HikariDataSource()) {
            postgres.setJdbcUrl("jdbc:postgresql://localhost:1/not-started");
            postgres.setUsername("tremplin");
            try (SharedEventReads reads = SharedEventReads.of(postgres)) {
                HikariDataSource pool = (HikariDataSource) reads.dataSource();
                assertThat(pool.getJdbcUrl()).isEqualTo(postgres.getJdbcUrl());
                assertThat(pool.getUsername()).isEqualTo("tremplin");
                assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
                assertThat(pool.getConnectionInitSql()).isEqualTo("SET plan_cache_mode = force_generic_plan");
                assertThat(pool.isAutoCommit()).isTrue();
            }
        }
    }
}
