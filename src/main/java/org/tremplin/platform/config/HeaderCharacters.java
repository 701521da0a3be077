package org.tremplin.platform.config;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows in a request's header names and values, checked
 * code point by code point: the firewall's own rules are the regular expressions
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for a name and {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} for a
 * value (an assigned character that is not a control character; in a value also a tab), matched every time a filter
 * or Spring MVC reads a header: about 1 % of a server's CPU under four clients (src/docs/performance.md, session 45).
 * The same answers ({@code HeaderCharactersTest} compares them with the firewall's expressions over every code point).
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** An assigned code point that is not a control character (Unicode's {@code Cc}: U+0000–U+001F, U+007F–U+009F). */
    static boolean allowedName(String name) {
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!Character.isDefined(c) || Character.isISOControl(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** As a name, and a tab too. */
    static boolean allowedValue(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!Character.isDefined(c) || Character.isISOControl(c) && c != '\t') {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
