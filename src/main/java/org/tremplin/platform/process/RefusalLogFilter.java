package org.tremplin.platform.process;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Quiet logs for refused steps. Camunda's command context logs every failed command at ERROR with its whole stack
 * trace (ENGINE-16004, logger {@code org.camunda.bpm.engine.context}), including a step that a business rule refused
 * and that the caller is correctly answered 4xx for, and the loser of a race (the event store's unique key). This filter
 * drops exactly those events: a failure with a {@link org.tremplin.shared.DomainException}, a form validation failure
 * or a lost race in its causes (a unique key, an optimistic lock, or a message correlation whose executions vanished
 * meanwhile: the interceptor {@link TaskCompletionRaces} answers it 409, the door logs a WARN line, and any other
 * command failing so still reaches the door, which logs it at ERROR). The door that answers logs the refusal as one WARN line with the correlation id;
 * every other failure keeps Camunda's ERROR and its stack trace.
 * <p>
 * Why a filter rather than another level for that logger: the same logger and message carry the real errors (a bug in
 * a delegate, a database failure), which must stay at ERROR; and the engine's behaviour stays exactly Camunda's.
 */
@Component
public class RefusalLogFilter extends TurboFilter {

    static final String CAMUNDA_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";

    /**
     * Installs the filter once per JVM. It holds no state, so the first one installed serves every application
     * context of the JVM (tests run several); it stays when its context closes, or a context closing would leave the
     * others without it.
     */
    @PostConstruct
    void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            synchronized (RefusalLogFilter.class) {
                if (context.getTurboFilterList().stream().noneMatch(filter -> filter instanceof RefusalLogFilter)) {
                    setName("tremplin-refusals");
                    start();
                    context.addTurboFilter(this);
                }
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                              Object[] params, Throwable throwable) {
        // Logback asks its turbo filters before every level check (isTraceEnabled included, once per JDBC parameter
        // Spring binds): the level first, the cheaper test.
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger == null
                || !logger.getName().startsWith(CAMUNDA_CONTEXT_LOGGER)) {
            return FilterReply.NEUTRAL;
        }
        Throwable failure = throwable;
        if (failure == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            failure = last;
        }
        return failure != null && isRefusal(failure) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** A business refusal, a form validation failure or a lost race: answered 4xx, not an error of the system. */
    static boolean isRefusal(Throwable failure) {
        if (ConcurrentWrites.refusal(failure) != null || ConcurrentWrites.isRace(failure)
                || ConcurrentWrites.isVanishedMeanwhile(failure)) {
            return true;
        }
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 50; depth++, current = current.getCause()) {
            if (current instanceof FormFieldValidationException || current instanceof FormFieldValidatorException) {
                return true;
            }
        }
        return false;
    }
}
