package org.tremplin.funding.process;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Camunda's FEEL engine with a Java path for the simplest cells of a decision table: {@code -}, a string literal, a
 * number compared ({@code > 60}, {@code <= 3}, {@code 8}) or an interval ({@code ]30..60]}, {@code [5..8]}) tested on a
 * string or number input, a string literal as an output, a variable's name as an input expression. Everything else, and
 * any of these on an input of another kind (null included), goes to the FEEL engine it wraps.
 * <p>
 * Why: Camunda's FEEL engine (feel-scala) parses each cell again on every evaluation and builds its built-in functions
 * for each: a JFR profile of the labelling steps put one evaluation of {@code carrier-capacity.dmn} (three per label
 * decision) at about 11 % of the server's CPU, all of it there. Each cell is read once here (kept per expression) and
 * compared as FEEL compares: numbers as decimals ({@code BigDecimal.valueOf} of a double, as feel-scala's value mapper),
 * strings by equality. {@code LiteralFeelEngineTest} evaluates the capacity table both ways over its thresholds and
 * random inputs and requires the same rows.
 */
public class LiteralFeelEngine implements FeelEngine {

    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";
    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>|=)?\\s*" + NUMBER);
    private static final Pattern INTERVAL = Pattern.compile("([\\[\\](])\\s*" + NUMBER + "\\s*\\.\\.\\s*" + NUMBER + "\\s*([\\[\\])])");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final FeelEngine feel;
    private final Map<String, Optional<Test>> tests = new ConcurrentHashMap<>();
    private final Map<String, Optional<Expression>> expressions = new ConcurrentHashMap<>();

    /** Everything to {@link #feel}, for the benchmark's alternating rounds ({@code StepCostBenchmark}). */
    private volatile boolean javaPath = true;

    public LiteralFeelEngine(FeelEngine feel) {
        this.feel = feel;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
        if (javaPath) {
            Optional<Expression> simple = expressions.computeIfAbsent(expression, LiteralFeelEngine::expression);
            if (simple.isPresent()) {
                Object value = simple.get().value(variables);
                if (value != null) {
                    return (T) value;
                }
            }
        }
        return feel.evaluateSimpleExpression(expression, variables);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
        if (javaPath) {
            Optional<Test> test = tests.computeIfAbsent(expression, LiteralFeelEngine::test);
            if (test.isPresent()) {
                TypedValue input = variables.resolve(inputVariable);
                Boolean result = test.get().matches(input == null ? null : input.getValue());
                if (result != null) {
                    return result;
                }
            }
        }
        return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }

    /** A unary test: true or false, or null when the FEEL engine must answer (an input of another kind). */
    interface Test {
        Boolean matches(Object input);
    }

    /** A simple expression's value, or null when the FEEL engine must answer. */
    interface Expression {
        Object value(VariableContext variables);
    }

    static Optional<Test> test(String expression) {
        String text = expression.trim();
        if (text.equals("-")) {
            return Optional.of(input -> true);
        }
        Matcher string = STRING.matcher(text);
        if (string.matches()) {
            String literal = string.group(1);
            return Optional.of(input -> input instanceof String s ? literal.equals(s) : null);
        }
        Matcher comparison = COMPARISON.matcher(text);
        if (comparison.matches()) {
            String operator = comparison.group(1) == null ? "=" : comparison.group(1);
            BigDecimal bound = new BigDecimal(comparison.group(2));
            return Optional.of(input -> {
                BigDecimal value = decimal(input);
                if (value == null) {
                    return null;
                }
                int c = value.compareTo(bound);
                switch (operator) {
                    case "<":
                        return c < 0;
                    case "<=":
                        return c <= 0;
                    case ">":
                        return c > 0;
                    case ">=":
                        return c >= 0;
                    default:
                        return c == 0;
                }
            });
        }
        Matcher interval = INTERVAL.matcher(text);
        if (interval.matches()) {
            boolean startIncluded = interval.group(1).equals("[");
            BigDecimal start = new BigDecimal(interval.group(2));
            BigDecimal end = new BigDecimal(interval.group(3));
            boolean endIncluded = interval.group(4).equals("]");
            return Optional.of(input -> {
                BigDecimal value = decimal(input);
                if (value == null) {
                    return null;
                }
                int fromStart = value.compareTo(start);
                int toEnd = value.compareTo(end);
                return (startIncluded ? fromStart >= 0 : fromStart > 0) && (endIncluded ? toEnd <= 0 : toEnd < 0);
            });
        }
        return Optional.empty();
    }

    static Optional<Expression> expression(String expression) {
        String text = expression.trim();
        Matcher string = STRING.matcher(text);
        if (string.matches()) {
            String literal = string.group(1);
            return Optional.of(variables -> literal);
        }
        if (NAME.matcher(text).matches() && !FEEL_WORDS.contains(text)) {
            return Optional.of(variables -> {
                if (!variables.containsVariable(text)) {
                    return null;
                }
                TypedValue value = variables.resolve(text);
                Object raw = value == null ? null : value.getValue();
                // what the table's type conversion then makes of FEEL's answer, for these kinds
                return raw instanceof String || raw instanceof Integer || raw instanceof Long
                        || (raw instanceof Double d && Double.isFinite(d)) ? raw : null;
            });
        }
        return Optional.empty();
    }

    private static final java.util.Set<String> FEEL_WORDS = java.util.Set.of("true", "false", "null", "not", "and", "or",
            "between", "in", "instance", "of", "if", "then", "else", "for", "return", "some", "every", "satisfies",
            "function", "external");

    /** A number as FEEL holds it (feel-scala maps a double through its decimal string), or null for anything else. */
    private static BigDecimal decimal(Object input) {
        if (input instanceof Integer i) {
            return BigDecimal.valueOf(i);
        }
        if (input instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (input instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d);
        }
        if (input instanceof BigDecimal b) {
            return b;
        }
        return null;
    }
}
