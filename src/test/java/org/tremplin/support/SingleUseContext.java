package org.tremplin.support;

import org.springframework.test.annotation.DirtiesContext;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose settings give it an application context no other class shares (its own seal settings, its own
 * empty database...): the context is closed once the class is done, instead of staying in Spring's context cache
 * until its JVM exits.
 *
 * <p>A cached context keeps working while other classes run: its tracking processors poll the event store and extend
 * their claims every second, its sealer and monitors run on their schedules. Measured idle, one context on an
 * in-memory H2 costs 24 ms of CPU a second, 42 ms with the tamper tests' sealer every 100 ms; a JVM of the suite
 * holds several such contexts for minutes after their one class. Nothing is lost by closing them: no other class
 * would have reused them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext
public @interface SingleUseContext {
}
