package org.tremplin.organisation.api;

import java.util.regex.Pattern;

/** The registry a national identifier comes from. */
public enum NationalIdScheme {
    /** French company register: nine digits with a Luhn check digit. */
    SIREN(Pattern.compile("\\d{9}"), "nine digits"),
    /** French national register of research structures (RNSR): nine digits and a letter. */
    RNSR(Pattern.compile("\\d{9}[A-Z]"), "nine digits and a capital letter, e.g. 200012345X"),
    /** European VAT number: country code and up to 12 characters. */
    VAT(Pattern.compile("[A-Z]{2}[A-Z0-9]{2,12}"), "a two-letter country code and 2 to 12 letters or digits"),
    /** Any other identifier (foreign register, funding agency partner code, ...). */
    OTHER(Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{1,63}"), "2 to 64 letters, digits, '.', '_', '/' or '-'");

    private final Pattern format;
    private final String expected;

    NationalIdScheme(Pattern format, String expected) {
        this.format = format;
        this.expected = expected;
    }

    /** Null when the value is valid for this scheme, else what is expected. */
    public String problemWith(String value) {
        if (value == null || !format.matcher(value).matches()) {
            return "a " + name() + " must be " + expected;
        }
        if (this == SIREN && !luhn(value)) {
            return "this SIREN fails its check digit; check for a typing error";
        }
        return null;
    }

    /** The organisation id derived from the national id: one organisation per national id. */
    public String organisationId(String value) {
        return name() + "-" + value.replace('/', '-');
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
