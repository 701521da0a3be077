package org.tremplin.shared;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RandomIdsTest {

    @Test
    void an_id_is_its_prefix_and_twelve_hexadecimal_capitals() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(RandomIds.of("PRJ-")).matches("PRJ-[0-9A-F]{12}");
        }
    }

    @Test
    void two_hundred_thousand_ids_are_all_different_and_use_every_digit_in_every_place() {
        Set<String> ids = new HashSet<>();
        List<Set<Character>> digits = new ArrayList<>();
        for (int place = 0; place < RandomIds.DIGITS; place++) {
            digits.add(new HashSet<>());
        }
        for (int i = 0; i < 200_000; i++) {
            String id = RandomIds.of("DOC-");
            ids.add(id);
            for (int place = 0; place < RandomIds.DIGITS; place++) {
                digits.get(place).add(id.charAt("DOC-".length() + place));
            }
        }
        // with eight digits (32 bits) 200,000 ids held about five repeats; with twelve, fewer than one run in 10,000 holds one
        assertThat(ids).hasSize(200_000);
        for (Set<Character> place : digits) {
            assertThat(place).hasSize(16);
        }
    }
}
