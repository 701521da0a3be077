package org.tremplin.platform.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HeaderCharacters} answers as Spring Security's {@code StrictHttpFirewall} expressions do (copied from
 * spring-security-web 6.5's defaults), over every code point alone, and every one of the basic plane within other
 * characters.
 */
class HeaderCharactersTest {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void every_code_point_is_allowed_or_refused_as_the_firewalls_expressions_do() {
        List<String> differing = new ArrayList<>();
        int refusedNames = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String alone = new String(Character.toChars(c));
            String within = "Bearer " + alone + "é";
            if (HeaderCharacters.allowedName(alone) != NAME.matcher(alone).matches()
                    || HeaderCharacters.allowedValue(alone) != VALUE.matcher(alone).matches()
                    || c <= Character.MAX_VALUE && HeaderCharacters.allowedValue(within) != VALUE.matcher(within).matches()) {
                differing.add(String.format("U+%04X", c));
            }
            refusedNames += HeaderCharacters.allowedName(alone) ? 0 : 1;
        }
        assertThat(differing).as("code points answered otherwise than by the firewall's expressions").isEmpty();
        // the 65 control characters and the unassigned code points: the check refuses something
        assertThat(refusedNames).isGreaterThan(65);
    }

    @Test
    void usual_headers_pass_and_control_characters_do_not() {
        for (String usual : List.of("", "application/json", "Basic YmVuY2g6cGFzcw==", "fr-FR,fr;q=0.9", "Société Générale",
                "a\tb", "\uD83D\uDE00", "\uD800")) {
            assertThat(HeaderCharacters.allowedValue(usual)).as(usual).isEqualTo(VALUE.matcher(usual).matches()).isTrue();
        }
        assertThat(HeaderCharacters.allowedName("a\tb")).isFalse();
        for (String odd : List.of("a\u0000b", "x\r\ny", "\u007f", "\u0085", "\u0378")) {
            assertThat(HeaderCharacters.allowedValue(odd)).as(odd).isFalse();
            assertThat(HeaderCharacters.allowedName(odd)).as(odd).isFalse();
        }
    }
}
