package org.tremplin.organisation.web;

import org.junit.jupiter.api.Test;
import org.tremplin.shared.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A partner pole's id derived from its name when none is given. */
class PartnerPoleIdTest {

    @Test
    void the_id_is_pole_and_the_name_in_capitals_without_a_leading_pole() {
        assertThat(PartnerPoleController.idFrom("Pôle Aerospace Valley")).isEqualTo("POLE-AEROSPACE-VALLEY");
        assertThat(PartnerPoleController.idFrom("Pôle Mer Méditerranée")).isEqualTo("POLE-MER-MEDITERRANEE");
        assertThat(PartnerPoleController.idFrom("Minalogic")).isEqualTo("POLE-MINALOGIC");
        assertThat(PartnerPoleController.idFrom("x".repeat(80))).hasSize(64);
    }

    @Test
    void a_name_without_letters_or_digits_is_refused() {
        assertThatThrownBy(() -> PartnerPoleController.idFrom("—!"))
                .isInstanceOf(DomainException.class).hasMessageContaining("give a name with letters or digits");
    }
}
