package org.tremplin.platform.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory of verified HTTP basic credentials: only the very same credentials, only successes, never stale. */
class VerifiedCredentialsTest {

    @Test
    void remembers_the_groups_of_the_very_same_credentials_only() {
        VerifiedCredentials credentials = new VerifiedCredentials(Duration.ofMinutes(1));
        credentials.verified(credentials.beforeCheck(), "ann", "secret", List.of("carrier"));

        assertThat(credentials.groupsIfVerified("ann", "secret")).containsExactly("carrier");
        assertThat(credentials.groupsIfVerified("ann", "Secret")).isNull();
        assertThat(credentials.groupsIfVerified("ann", "secret ")).isNull();
        assertThat(credentials.groupsIfVerified("bob", "secret")).isNull();
        // the user and the password are not run together: "an" + "nsecret" is not "ann" + "secret"
        assertThat(credentials.groupsIfVerified("an", "nsecret")).isNull();
    }

    @Test
    void a_refusal_forgets_the_user() {
        VerifiedCredentials credentials = new VerifiedCredentials(Duration.ofMinutes(1));
        credentials.verified(credentials.beforeCheck(), "ann", "secret", List.of("carrier"));

        credentials.refused("ann");

        assertThat(credentials.groupsIfVerified("ann", "secret")).isNull();
    }

    @Test
    void a_check_begun_before_an_identity_change_is_not_remembered() {
        VerifiedCredentials credentials = new VerifiedCredentials(Duration.ofMinutes(1));
        VerifiedCredentials.Ticket ticket = credentials.beforeCheck();

        credentials.forgetAll();
        credentials.verified(ticket, "ann", "secret", List.of("carrier"));

        assertThat(credentials.groupsIfVerified("ann", "secret")).isNull();
    }

    @Test
    void forgets_after_the_ttl_and_remembers_nothing_with_a_ttl_of_zero() throws InterruptedException {
        VerifiedCredentials shortLived = new VerifiedCredentials(Duration.ofMillis(50));
        shortLived.verified(shortLived.beforeCheck(), "ann", "secret", List.of("carrier"));
        Thread.sleep(120);
        assertThat(shortLived.groupsIfVerified("ann", "secret")).isNull();

        VerifiedCredentials off = new VerifiedCredentials(Duration.ZERO);
        off.verified(off.beforeCheck(), "ann", "secret", List.of("carrier"));
        assertThat(off.groupsIfVerified("ann", "secret")).isNull();
    }

    @Test
    void trusts_nothing_remembered_once_the_other_nodes_are_no_longer_confirmed_unchanged() throws InterruptedException {
        VerifiedCredentials credentials = new VerifiedCredentials(Duration.ofMinutes(1));
        credentials.verified(credentials.beforeCheck(), "ann", "secret", List.of("carrier"));
        credentials.confirmUnchangedUntil(System.nanoTime() + Duration.ofMillis(80).toNanos());
        assertThat(credentials.groupsIfVerified("ann", "secret")).containsExactly("carrier");

        Thread.sleep(150);
        assertThat(credentials.groupsIfVerified("ann", "secret")).as("no confirmation for too long").isNull();

        credentials.confirmUnchangedUntil(System.nanoTime() + Duration.ofMinutes(1).toNanos());
        assertThat(credentials.groupsIfVerified("ann", "secret")).as("confirmed again, nothing changed")
                .containsExactly("carrier");
    }
}
