package org.tremplin.platform.process;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poll of the identity generation, on a database of its own: what it makes a node forget, and when it makes the
 * node trust nothing it remembers.
 */
class IdentityChangesAcrossNodesTest {

    private JdbcTemplate jdbc;
    private VerifiedCredentials credentials;
    private IdentityChangesAcrossNodes poll;

    @BeforeEach
    void database() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:identity-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        jdbc.execute("CREATE TABLE " + IdentityChangesAcrossNodes.TABLE + " (id INT PRIMARY KEY, generation BIGINT NOT NULL)");
        jdbc.update("INSERT INTO " + IdentityChangesAcrossNodes.TABLE + " (id, generation) VALUES (1, 0)");
        credentials = new VerifiedCredentials(Duration.ofMinutes(5));
        poll = new IdentityChangesAcrossNodes(credentials, jdbc, Duration.ofMillis(40));
    }

    @Test
    void nothing_is_trusted_before_the_first_read_and_what_was_verified_before_it_is_forgotten() {
        credentials.verified(credentials.beforeCheck(), "ann", "secret", List.of("carrier"));
        assertThat(credentials.groupsIfVerified("ann", "secret")).as("not read yet").isNull();

        poll.look();
        assertThat(credentials.groupsIfVerified("ann", "secret"))
                .as("verified before the first read: a change elsewhere may have come in between").isNull();

        credentials.verified(credentials.beforeCheck(), "ann", "secret", List.of("carrier"));
        poll.look();
        assertThat(credentials.groupsIfVerified("ann", "secret")).as("nothing moved since").containsExactly("carrier");
    }

    @Test
    void a_moved_generation_forgets_everything() {
        poll.look();
        credentials.verified(credentials.beforeCheck(), "ann", "secret", List.of("carrier"));

        jdbc.update("UPDATE " + IdentityChangesAcrossNodes.TABLE + " SET generation = generation + 1 WHERE id = 1");
        poll.look();

        assertThat(credentials.groupsIfVerified("ann", "secret")).isNull();
    }

    @Test
    void without_a_successful_read_for_five_polls_nothing_is_trusted_until_one_succeeds() throws InterruptedException {
        poll.look();
        credentials.verified(credentials.beforeCheck(), "ann", "secret", List.of("carrier"));
        assertThat(credentials.groupsIfVerified("ann", "secret")).containsExactly("carrier");

        jdbc.execute("ALTER TABLE " + IdentityChangesAcrossNodes.TABLE + " RENAME TO unreadable");
        poll.look();
        Thread.sleep(5 * 40 + 100);
        poll.look();
        assertThat(credentials.groupsIfVerified("ann", "secret")).as("the generation unreadable for five polls").isNull();

        jdbc.execute("ALTER TABLE unreadable RENAME TO " + IdentityChangesAcrossNodes.TABLE);
        poll.look();
        assertThat(credentials.groupsIfVerified("ann", "secret")).as("read again, unchanged").containsExactly("carrier");
    }
}
