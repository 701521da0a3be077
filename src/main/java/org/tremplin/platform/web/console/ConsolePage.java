package org.tremplin.platform.web.console;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller of the console: it renders pages (Thymeleaf templates) and runs its actions through the same API
 * controllers and process services as {@code /api}. Its refusals are shown in the page ({@link ConsoleAdvice}),
 * never as JSON.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface ConsolePage {

    @AliasFor(annotation = Controller.class)
    String value() default "";
}
