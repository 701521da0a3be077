package org.tremplin.platform.process;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Iterator;

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
 * <p>
 * Why on the appenders rather than as a turbo filter (as it was until session 46): Logback asks its turbo filters
 * before every level check of every logger, {@code isDebugEnabled()} and {@code isTraceEnabled()} included, which the
 * libraries of a step make by the thousand (MyBatis and Spring's JDBC for each statement and parameter): Logback's
 * turbo filters (this one and Micrometer's counter of log events) were 1-3 % of the server's CPU samples under load
 * (src/docs/performance.md, session 46). An appender's filter is asked only for an event that is logged. It is installed on every appender of the logging
 * configuration when the application starts (the console, or the JSON lines of the {@code json-logs} profile); an
 * appender added later by hand does not have it.
 */
@Component
public class RefusalLogFilter extends Filter<ILoggingEvent> {

    static final String CAMUNDA_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";

    /**
     * Installs the filter on every appender of the logging configuration that has none yet. It holds no state, so the
     * first one installed on an appender serves every application context of the JVM (tests run several); it stays
     * when its context closes, or a context closing would leave the others without it. A context whose start
     * reconfigured the logging (its appenders made anew) installs it on the new appenders.
     */
    @PostConstruct
    void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            synchronized (RefusalLogFilter.class) {
                setName("tremplin-refusals");
                start();
                for (Logger logger : context.getLoggerList()) {
                    for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext(); ) {
                        Appender<ILoggingEvent> appender = appenders.next();
                        if (appender.getCopyOfAttachedFiltersList().stream().noneMatch(RefusalLogFilter.class::isInstance)) {
                            appender.addFilter(this);
                        }
                    }
                }
            }
        }
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel() == null || !event.getLevel().isGreaterOrEqual(Level.WARN)
                || event.getLoggerName() == null || !event.getLoggerName().startsWith(CAMUNDA_CONTEXT_LOGGER)) {
            return FilterReply.NEUTRAL;
        }
        // Logback keeps the failure logged (given as the last argument or alone) in the event's proxy of it
        return event.getThrowableProxy() instanceof ThrowableProxy proxy && proxy.getThrowable() != null
                && isRefusal(proxy.getThrowable()) ? FilterReply.DENY : FilterReply.NEUTRAL;
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
