package org.tremplin.platform.process;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.InputRules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

/**
 * Typed reads of process variables with a clear refusal, for values that may come from Tasklist, the
 * API or the engine REST. A wrong type is the caller's input error (400), never a crash.
 */
public final class StepVariables {

    private static final ZoneId PARIS = org.tremplin.shared.ParisTime.ZONE;

    private StepVariables() {
    }

    public static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return InputRules.checkedText(text, name);
        }
        throw DomainException.invalid(name + " must be text");
    }

    public static Integer integer(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            long number = ((Number) value).longValue();
            if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                throw DomainException.invalid(name + " is out of range");
            }
            return (int) number;
        }
        if (value instanceof String text && text.strip().matches("-?\\d{1,9}")) {
            return Integer.valueOf(text.strip());
        }
        throw DomainException.invalid(name + " must be a whole number");
    }

    public static Boolean bool(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(text);
        }
        throw DomainException.invalid(name + " must be true or false");
    }

    public static LocalDate date(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return InputRules.checkedDate(date.toInstant().atZone(PARIS).toLocalDate(), name);
        }
        if (value instanceof String text) {
            try {
                return InputRules.checkedDate(LocalDate.parse(text.strip()), name);
            } catch (java.time.format.DateTimeParseException e) {
                throw DomainException.invalid(name + " must be a date like 2027-03-31");
            }
        }
        throw DomainException.invalid(name + " must be a date");
    }

    public static <E extends Enum<E>> E enumValue(VariableScope scope, String name, Class<E> type) {
        String text = string(scope, name);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An amount in euros typed as text in a form ("84000.50" or "84000,50"); null when empty. */
    public static java.math.BigDecimal euros(VariableScope scope, String name) {
        String text = string(scope, name);
        if (text == null || text.isBlank()) {
            return null;
        }
        return parseEuros(text, name);
    }

    /** Parses a euro amount written by a person: digits, optional spaces, one decimal point or comma. */
    public static java.math.BigDecimal parseEuros(String text, String name) {
        String normalised = text.strip().replace(" ", "").replace("\u00a0", "").replace(',', '.');
        if (!normalised.matches("-?\\d{1,13}(\\.\\d{1,2})?")) {
            throw DomainException.invalid(name + " must be an amount in euros like 84000.50 (got '" + text.strip() + "')");
        }
        return new java.math.BigDecimal(normalised).setScale(2);
    }

    /** A list of ids stored as JSON (not Java serialization), e.g. a multi-instance collection. */
    public static org.camunda.bpm.engine.variable.value.ObjectValue list(java.util.List<String> values) {
        return org.camunda.bpm.engine.variable.Variables.objectValue(new java.util.ArrayList<>(values))
                .serializationDataFormat(org.camunda.bpm.engine.variable.Variables.SerializationDataFormats.JSON).create();
    }

    /** The instant a Paris date is over (its following midnight). */
    public static Date endOf(LocalDate date) {
        return Date.from(org.tremplin.shared.ParisTime.endOfDay(date));
    }
}
