package org.tremplin.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateTimeDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.tremplin.shared.InputRules;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * Request bodies of the API are read strictly: one JSON value and nothing after it, no key twice, no field the
 * request does not have, no scalar of the wrong type converted silently (a number for a text, a text for a number,
 * {@code 1} for a boolean, {@code 1.5} for a whole number, a number for a date or an enum), no control character or
 * lone surrogate in a text, dates as ISO text between 1900 and 2200.
 * <p>
 * Only the HTTP message converter of Spring MVC gets this mapper (a copy of Spring Boot's). The {@code ObjectMapper}
 * bean itself stays as it is: Axon's Jackson serializer uses it for stored events and tokens, which must read back
 * whatever was stored before.
 */
@Configuration
public class StrictJson {

    /** The window of dates a request may carry. */
    public static final int MIN_YEAR = InputRules.MIN_YEAR;
    public static final int MAX_YEAR = InputRules.MAX_YEAR;

    /** The largest JSON body a request may carry unless {@code tremplin.http.max-body-bytes} says otherwise. */
    public static final long MAX_BODY_BYTES = 1_048_576;

    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper objectMapper,
            @Value("${tremplin.http.max-body-bytes:" + MAX_BODY_BYTES + "}") long maxBodyBytes) {
        return new MappingJackson2HttpMessageConverter(strict(objectMapper, maxBodyBytes));
    }

    /** A strict copy of the mapper, for reading requests of at most {@link #MAX_BODY_BYTES}. */
    public static ObjectMapper strict(ObjectMapper base) {
        return strict(base, MAX_BODY_BYTES);
    }

    /**
     * A strict copy of the mapper, for reading requests. It stops reading a document past {@code maxBodyBytes}
     * (Jackson's {@code StreamReadConstraints}; a 413 then, {@link ProblemDetailsAdvice}): a body sent without a length
     * gets past {@link RequestBodyLimit}, and Jackson's own bound for one text value is 20 million characters.
     */
    @SuppressWarnings("deprecation")
    public static ObjectMapper strict(ObjectMapper base, long maxBodyBytes) {
        ObjectMapper strict = base.copy();
        int bound = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
        strict.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(maxBodyBytes).maxStringLength(bound).build());
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : LogicalType.values()) {
            var config = strict.coercionConfigFor(type);
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.EmptyString, CoercionInputShape.EmptyArray,
                    CoercionInputShape.EmptyObject}) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
            if (type != LogicalType.Textual && type != LogicalType.Enum && type != LogicalType.DateTime
                    && type != LogicalType.OtherScalar) {
                config.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            }
        }
        // the natural shapes stay allowed: integers and decimals for numbers (a whole number for a decimal too)
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.EmptyArray, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Array).setCoercion(CoercionInputShape.EmptyArray, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Map).setCoercion(CoercionInputShape.EmptyObject, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.POJO).setCoercion(CoercionInputShape.EmptyObject, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Untyped).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert);
        SimpleModule module = new SimpleModule("tremplin-strict-input");
        module.addDeserializer(String.class, new StrictText());
        // null for a primitive is refused; a primitive left out keeps its default (FAIL_ON_NULL_FOR_PRIMITIVES would refuse both)
        module.addDeserializer(boolean.class, new PrimitiveWithoutNull<>(boolean.class, false, "true or false"));
        module.addDeserializer(int.class, new PrimitiveWithoutNull<>(int.class, 0, "a whole number"));
        module.addDeserializer(long.class, new PrimitiveWithoutNull<>(long.class, 0L, "a whole number"));
        module.addDeserializer(double.class, new PrimitiveWithoutNull<>(double.class, 0.0, "a number"));
        module.addDeserializer(LocalDate.class, new BoundedTime<>(LocalDate.class, LocalDateDeserializer.INSTANCE,
                LocalDate::getYear, "a date like 2027-03-31"));
        module.addDeserializer(Instant.class, new BoundedTime<>(Instant.class, InstantDeserializer.INSTANT,
                instant -> instant.atOffset(ZoneOffset.UTC).getYear(), "an instant like 2027-03-31T23:59:59Z"));
        module.addDeserializer(OffsetDateTime.class, new BoundedTime<>(OffsetDateTime.class,
                InstantDeserializer.OFFSET_DATE_TIME, OffsetDateTime::getYear, "an instant like 2027-03-31T23:59:59Z"));
        module.addDeserializer(LocalDateTime.class, new BoundedTime<>(LocalDateTime.class, LocalDateTimeDeserializer.INSTANCE,
                LocalDateTime::getYear, "a date and time like 2027-03-31T18:00:00"));
        strict.registerModule(module);
        return strict;
    }

    /** What is wrong with a text a person or a system sent, or null when it is acceptable. */
    public static String textProblem(String text) {
        return InputRules.textProblem(text);
    }

    /** A refusal of a value Jackson could read but the API does not accept; its reason is shown as it is. */
    public static final class RefusedValueException extends InvalidFormatException {

        private final String reason;

        RefusedValueException(JsonParser parser, String reason, Object value, Class<?> targetType) {
            super(parser, reason, value, targetType);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** Text only from a JSON string, without control characters or lone surrogates. */
    static final class StrictText extends StdScalarDeserializer<String> {

        StrictText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedValueException(parser, "must be text in double quotes (got " + describe(parser) + ")",
                        null, String.class);
            }
            String text = parser.getText();
            String problem = textProblem(text);
            if (problem != null) {
                throw new RefusedValueException(parser, problem, null, String.class);
            }
            return text;
        }
    }

    /** A primitive read as Jackson reads it (with the coercion rules above), except that null is refused. */
    static final class PrimitiveWithoutNull<T> extends StdScalarDeserializer<T> {

        private final JsonDeserializer<?> delegate;
        private final T absent;
        private final String expected;

        PrimitiveWithoutNull(Class<T> type, T absent, String expected) {
            super(type);
            this.delegate = com.fasterxml.jackson.databind.deser.std.NumberDeserializers.find(type, type.getName());
            this.absent = absent;
            this.expected = expected;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return (T) delegate.deserialize(parser, context);
        }

        @Override
        public T getNullValue(DeserializationContext context) throws JsonMappingException {
            throw new RefusedValueException(context.getParser(), "must be " + expected + ", not null", null, handledType());
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return absent;
        }

        @Override
        public com.fasterxml.jackson.databind.util.AccessPattern getNullAccessPattern() {
            return com.fasterxml.jackson.databind.util.AccessPattern.DYNAMIC;
        }
    }

    /** A date or instant only from ISO text, within {@link #MIN_YEAR}..{@link #MAX_YEAR}. */
    static final class BoundedTime<T> extends StdScalarDeserializer<T> implements ContextualDeserializer {

        private final JsonDeserializer<?> delegate;
        private final Function<T, Integer> year;
        private final String expected;

        BoundedTime(Class<T> type, JsonDeserializer<?> delegate, Function<T, Integer> year, String expected) {
            super(type);
            this.delegate = delegate;
            this.year = year;
            this.expected = expected;
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = delegate instanceof ContextualDeserializer c
                    ? c.createContextual(context, property) : delegate;
            return contextual == delegate ? this
                    : new BoundedTime<>((Class<T>) handledType(), contextual, year, expected);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedValueException(parser, "must be " + expected + ", written as text (got "
                        + describe(parser) + ")", null, handledType());
            }
            String text = parser.getText().strip();
            T value = (T) delegate.deserialize(parser, context);
            if (value == null) {
                return null;
            }
            int y = year.apply(value);
            if (y < MIN_YEAR || y > MAX_YEAR) {
                throw new RefusedValueException(parser, "must be between " + MIN_YEAR + " and " + MAX_YEAR + " (got "
                        + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + ")", null, handledType());
            }
            return value;
        }
    }

    private static String describe(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_NULL -> "null";
            default -> "another value";
        };
    }
}
