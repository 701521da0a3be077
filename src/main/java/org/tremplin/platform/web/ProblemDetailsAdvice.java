package org.tremplin.platform.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.platform.observability.OperationalReadings;
import org.tremplin.platform.observability.OperationalReadings.ProcessorReading;
import org.tremplin.platform.observability.OperationalReadings.Snapshot;
import org.tremplin.platform.process.ConcurrentWrites;
import org.tremplin.platform.query.InStep;
import org.tremplin.platform.query.ReadModelRebuilds;
import org.tremplin.platform.query.ReadModelRebuilds.Rebuild;
import org.tremplin.shared.DomainException;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Every error as RFC 7807 problem+json with a message a person can act on. */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** Events behind the head from which a read model is said to be catching up (at the last operational reading). */
    static final long CATCHING_UP_LAG = 1_000;

    private final ReadModelRebuilds rebuilds;
    private final Supplier<Snapshot> readings;
    /** The largest request body (the JSON reader stops past it: {@link StrictJson}). */
    @org.springframework.beans.factory.annotation.Value("${tremplin.http.max-body-bytes:" + StrictJson.MAX_BODY_BYTES + "}")
    private long maxBodyBytes = StrictJson.MAX_BODY_BYTES;

    @Autowired
    public ProblemDetailsAdvice(ReadModelRebuilds rebuilds, OperationalReadings readings) {
        this(rebuilds, readings::snapshot);
    }

    ProblemDetailsAdvice(ReadModelRebuilds rebuilds, Supplier<Snapshot> readings) {
        this.rebuilds = rebuilds;
        this.readings = readings;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> anyException(Exception exception, WebRequest request) throws Exception {
        DomainException domain = find(exception, DomainException.class);
        if (domain != null) {
            ResponseEntity<Object> refused = refused(statusOf(domain.kind()), titleOf(domain.kind()), domain.getMessage(),
                    request);
            if (domain.kind() == DomainException.Kind.NOT_FOUND || domain.kind() == DomainException.Kind.RULE_VIOLATED) {
                whileRebuilt((ProblemDetail) refused.getBody());
            }
            return refused;
        }
        if (find(exception, AccessDeniedException.class) != null) {
            return refused(HttpStatus.FORBIDDEN, "Forbidden", "Your groups do not allow this request.", request);
        }
        AggregateNotFoundException notFound = find(exception, AggregateNotFoundException.class);
        if (notFound != null) {
            return refused(HttpStatus.NOT_FOUND, "Not found", "No record with id " + notFound.getAggregateIdentifier(), request);
        }
        // Held back behind a switch of the read models written in the steps (decision 11): nothing stored, try later.
        InStep.HeldBack heldBack = find(exception, InStep.HeldBack.class);
        if (heldBack != null) {
            return tryAgainIn(Math.max(1, heldBack.retryAfter().toSeconds()), heldBack.getMessage(), request);
        }
        // A lost race (Camunda's optimistic lock, the event store's unique key): the winner's step is whole, ours is not.
        if (ConcurrentWrites.isRace(exception)) {
            return refused(HttpStatus.CONFLICT, "Conflict", ConcurrentWrites.CHANGED_MEANWHILE, request);
        }
        // The database out of reach (stopped, restarting, the network): a condition to wait out, not a defect.
        DatabaseOutOfReach away = DatabaseOutOfReach.of(exception);
        if (away != null) {
            return tryAgainIn(DatabaseOutOfReach.RETRY_AFTER_SECONDS, away.detail(), request);
        }
        try {
            return handleException(exception, request);
        } catch (Exception unhandled) {
            log.error("Unexpected error on {}", request.getDescription(false), exception);
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                    "The request failed unexpectedly and nothing was stored. Correlation id: "
                            + org.slf4j.MDC.get("correlationId"), request);
        }
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.<String, Object>of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = errors.stream().map(e -> e.get("field") + " " + e.get("message"))
                .sorted().reduce((a, b) -> a + "; " + b).orElse("The request is invalid");
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        body.setTitle("Invalid input");
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
                                                        HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another value" : describe(ex.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, "Invalid input",
                "Parameter '" + name + "' has an invalid value '" + ex.getValue() + "': expected " + expected, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        String detail = ex.getAllErrors().stream().map(e -> String.valueOf(e.getDefaultMessage()))
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid");
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", detail, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (ex instanceof org.springframework.http.converter.HttpMessageNotReadableException
                && find(ex, com.fasterxml.jackson.core.exc.StreamConstraintsException.class) != null) {
            // a body sent without a length, read past the bound (one with a length is refused before: RequestBodyLimit)
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload Too Large",
                    RequestBodyLimit.tooLarge(-1, maxBodyBytes), request);
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && ex instanceof org.springframework.http.converter.HttpMessageNotReadableException unreadable) {
            problem.setDetail(unreadableBody(unreadable));
        }
        return response == null ? null : ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }

    private static String unreadableBody(org.springframework.http.converter.HttpMessageNotReadableException unreadable) {
        com.fasterxml.jackson.databind.JsonMappingException mapping =
                find(unreadable, com.fasterxml.jackson.databind.JsonMappingException.class);
        // a body cut short (inside a text, say): Jackson reports it against the field it was reading, as a wrong value
        if (find(unreadable, com.fasterxml.jackson.core.io.JsonEOFException.class) != null || (mapping != null
                && String.valueOf(mapping.getOriginalMessage()).startsWith("Unexpected end-of-input"))) {
            String field = mapping == null || mapping.getPath().isEmpty() ? null : fieldPath(mapping);
            return "The request body is not valid JSON: it ends before it is complete"
                    + (field == null ? "" : " (in field '" + field + "')") + "; send the whole JSON object";
        }
        if (mapping != null && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            // strict input (StrictJson): the reason is written for a person
            if (mapping instanceof StrictJson.RefusedValueException refused) {
                return "Field '" + field + "' " + refused.reason();
            }
            if (mapping instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
                java.util.List<String> known = unknown.getKnownPropertyIds() == null ? java.util.List.of()
                        : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
                return "Field '" + field + "' is not part of this request; remove it (accepted fields: "
                        + String.join(", ", known) + ")";
            }
            String expected = mapping instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                    && mismatch.getTargetType() != null ? describe(mismatch.getTargetType()) : "another value";
            String given = mapping instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid
                    && invalid.getValue() != null ? " \"" + invalid.getValue() + "\"" : coercedValue(mapping);
            return "Field '" + field + "' has a value" + given + " of the wrong type or format: expected " + expected;
        }
        if (mapping != null && mapping.getOriginalMessage() != null
                && mapping.getOriginalMessage().startsWith("Trailing token")) {
            return "The request body must be a single JSON value with nothing after it";
        }
        com.fasterxml.jackson.core.exc.StreamReadException streamRead =
                find(unreadable, com.fasterxml.jackson.core.exc.StreamReadException.class);
        if (streamRead != null && streamRead.getOriginalMessage() != null) {
            String message = streamRead.getOriginalMessage();
            String current = streamRead.getProcessor() == null || streamRead.getProcessor().getParsingContext() == null
                    ? null : streamRead.getProcessor().getParsingContext().getCurrentName();
            if (message.startsWith("Duplicate field")) {
                return "Field '" + current + "' appears twice in the request body; send each field once";
            }
            if (streamRead instanceof com.fasterxml.jackson.core.exc.InputCoercionException && current != null) {
                return "Field '" + current + "' is a number out of range";
            }
        }
        if (find(unreadable, com.fasterxml.jackson.core.JsonProcessingException.class) != null) {
            return "The request body is not valid JSON: " + rootMessage(unreadable);
        }
        return "The request body is missing or unreadable; send a JSON object";
    }

    /** The path of the field a mapping failed on: {@code partners[1].role}. */
    private static String fieldPath(com.fasterxml.jackson.databind.JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("?");
    }

    private static final java.util.regex.Pattern COERCED = java.util.regex.Pattern.compile(
            "^Cannot coerce [\\w-]+ value \\((\"[^\"\\p{Cntrl}]{0,80}\"|[-+.\\w]{1,40})\\)");

    /** The value a strict coercion refused ("Cannot coerce String value ("lots") to ..."), when Jackson names it. */
    private static String coercedValue(com.fasterxml.jackson.databind.JsonMappingException mapping) {
        java.util.regex.Matcher matcher = COERCED.matcher(String.valueOf(mapping.getOriginalMessage()));
        return matcher.find() ? " " + matcher.group(1) : "";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == java.time.LocalDate.class) {
            return "a date like 2027-03-31";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an instant like 2027-03-31T23:59:59Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String rootMessage(Throwable throwable) {
        Throwable cause = throwable;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    /** 503 with {@code Retry-After}: nothing wrong with the request, the service cannot carry it out just now. */
    private ResponseEntity<Object> tryAgainIn(long seconds, String detail, WebRequest request) {
        ResponseEntity<Object> refused = refused(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", detail, request);
        return ResponseEntity.status(refused.getStatusCode()).headers(refused.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).body(refused.getBody());
    }

    /**
     * A refused step: one WARN line (the correlation id is in the log pattern), no stack trace; the stack traces are
     * for real errors.
     */
    private ResponseEntity<Object> refused(HttpStatus status, String title, String detail, WebRequest request) {
        log.warn("Refused {}: {} {}", request.getDescription(false), status.value(), detail);
        return problem(status, title, detail, request);
    }

    /**
     * "Not found" and a refused rule may come from a lookup in a read model: while a replay rebuilds read models they
     * are incomplete, so the answer says which, since when and by which replay, in its detail and in
     * {@code rebuildingReadModels}; the status stays (the input may be wrong too).
     */
    private void whileRebuilt(ProblemDetail problem) {
        List<Rebuild> current = rebuilds.current();
        if (current.isEmpty()) {
            whileCatchingUp(problem);
            return;
        }
        Rebuild first = current.get(0);
        problem.setDetail(problem.getDetail() + ". Note: the read models " + String.join(", ",
                current.stream().map(Rebuild::model).toList())
                + " are being rebuilt by replay " + first.replayId() + " (since " + first.since() + ") and are"
                + " incomplete until it ends: if this names something already recorded, try again once the replay"
                + " has ended (GET /api/audit/replay/" + first.replayId() + ")");
        problem.setProperty("rebuildingReadModels", current.stream()
                .map(rebuild -> Map.of("model", rebuild.model(), "replayId", rebuild.replayId(),
                        "since", rebuild.since().toString()))
                .toList());
    }

    /**
     * Outside a replay, a read model may still be far behind the events: its processor catching up after a restart (a
     * replay stopped part-way is finished so, at the processors' live pace) or on a node that was down. When the last
     * operational reading (every {@code tremplin.observability.refresh}) put a model {@link #CATCHING_UP_LAG} events or
     * more behind the head, the answer says which and how far, in its detail and in {@code catchingUpReadModels}, and
     * whether its processor runs (one stopped or in error is behind without catching up).
     */
    private void whileCatchingUp(ProblemDetail problem) {
        Snapshot snapshot = readings.get();
        if (snapshot == null || snapshot.takenAt() == null) {
            return;
        }
        List<ProcessorReading> behind = snapshot.processors().values().stream()
                .filter(p -> p.lag() != null && p.lag() >= CATCHING_UP_LAG)
                .sorted(Comparator.comparing(ProcessorReading::name))
                .toList();
        if (behind.isEmpty()) {
            return;
        }
        // a processor stopped or in error is behind without catching up: said so, for the operator
        problem.setDetail(problem.getDetail() + ". Note: the read models " + String.join(", ", behind.stream()
                .map(p -> String.format(Locale.ROOT, "%s (%,d events behind%s)", p.name(), p.lag(),
                        p.error() ? ", its processor in error" : !p.running() ? ", its processor stopped" : ""))
                .toList())
                + " are behind the events (as read at " + snapshot.takenAt() + "): if this names something already"
                + " recorded, try again once they have caught up (GET /actuator/health, component processors)");
        problem.setProperty("catchingUpReadModels", behind.stream()
                .map(p -> Map.of("model", p.name(), "eventsBehind", p.lag(), "running", p.running() && !p.error(),
                        "readAt", snapshot.takenAt().toString()))
                .toList());
    }

    private ResponseEntity<Object> problem(HttpStatus status, String title, String detail, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    static HttpStatus statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE_VIOLATED -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    private static String titleOf(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> "Invalid input";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case RULE_VIOLATED -> "Business rule violated";
        };
    }

    static <T extends Throwable> T find(Throwable throwable, Class<T> type) {
        Throwable current = throwable;
        int depth = 0;
        while (current != null && depth++ < 20) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause();
        }
        return null;
    }
}
