package org.tremplin.investment.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import org.springframework.util.MultiValueMap;
import org.tremplin.investment.api.Instrument;
import org.tremplin.platform.web.console.ConsoleFormats;
import org.tremplin.platform.web.console.FieldErrors;
import org.tremplin.platform.web.console.FieldRefusal;
import org.tremplin.shared.DomainException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reading the investment pages' typed inputs (euros, dates, the instrument) into the API's request records, and a
 * refusal back to the input it concerns. No rule of the round lives here: the records are validated as {@code @Valid}
 * would, and the controller and the aggregate judge the rest.
 */
final class ConsoleInput {

    /** The inputs of a round's terms, named as the API's terms fields. */
    static final List<String> TERMS_FIELDS = List.of("instrument", "targetAmount", "minimumRaise", "maximumRaise",
            "minimumTicket", "preMoneyValuation", "closingDate", "allOrNothing");

    private ConsoleInput() {
    }

    /** An amount typed in euros, or null when left empty. */
    static BigDecimal money(MultiValueMap<String, String> form, String input, Locale locale) {
        try {
            return ConsoleFormats.parseMoney(form.getFirst(input), locale).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new FieldRefusal(input, e.getMessage());
        }
    }

    static LocalDate date(MultiValueMap<String, String> form, String input, Locale locale) {
        String text = form.getFirst(input);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new FieldRefusal(input, french(locale) ? "« " + text.strip() + " » n'est pas une date (AAAA-MM-JJ)"
                    : "'" + text.strip() + "' is not a date (YYYY-MM-DD)");
        }
    }

    static Instrument instrument(MultiValueMap<String, String> form, Locale locale) {
        String text = form.getFirst("instrument");
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instrument.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw new FieldRefusal("instrument", french(locale) ? "Choisissez un instrument" : "Choose an instrument");
        }
    }

    static boolean checked(MultiValueMap<String, String> form, String input) {
        List<String> values = form.get(input);
        return values != null && (values.contains("true") || values.contains("on"));
    }

    static String text(MultiValueMap<String, String> form, String input) {
        String text = form.getFirst(input);
        return text == null ? null : text.strip();
    }

    /** The terms as typed, as the API's terms request. */
    static RoundController.TermsRequest terms(MultiValueMap<String, String> form, Locale locale) {
        return new RoundController.TermsRequest(instrument(form, locale), money(form, "targetAmount", locale),
                money(form, "minimumRaise", locale), money(form, "maximumRaise", locale),
                money(form, "minimumTicket", locale), money(form, "preMoneyValuation", locale),
                date(form, "closingDate", locale), checked(form, "allOrNothing"));
    }

    /**
     * Validates a request record as {@code @Valid} would; the first violation is refused by the input named for the
     * violated property (its last path node, renamed by {@code inputs} when the page names it otherwise).
     */
    static void validate(Validator validator, Object request, Map<String, String> inputs) {
        Set<? extends ConstraintViolation<?>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return;
        }
        ConstraintViolation<?> first = violations.stream()
                .sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString())).findFirst().orElseThrow();
        String property = null;
        for (Path.Node node : first.getPropertyPath()) {
            property = node.getName();
        }
        String input = inputs.getOrDefault(property, property);
        throw new FieldRefusal(input, property + " " + first.getMessage());
    }

    /** The status a refusal answers with, as the API's problem+json. */
    static int status(DomainException refusal) {
        return switch (refusal.kind()) {
            case INVALID_INPUT -> 400;
            case CONFLICT -> 409;
            default -> 422;
        };
    }

    /** The domain refusal in a failure's causes (process steps wrap them), or null. */
    static DomainException domain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return domain;
            }
        }
        return null;
    }

    /** The input among {@code inputs} that the message names first (as a word), else {@code fallback}. */
    static String named(String message, List<String> inputs, String fallback) {
        String found = fallback;
        int first = Integer.MAX_VALUE;
        if (message != null) {
            for (String input : inputs) {
                java.util.regex.Matcher matcher = Pattern.compile("\\b" + Pattern.quote(input) + "\\b").matcher(message);
                if (matcher.find() && matcher.start() < first) {
                    first = matcher.start();
                    found = input;
                }
            }
        }
        return found;
    }

    static FieldErrors.Problem problem(int status, String message, String input) {
        return FieldErrors.problem(status, message, input);
    }

    static boolean french(Locale locale) {
        return locale != null && "fr".equals(locale.getLanguage());
    }
}
