package org.tremplin.support;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * A Spring test class on a real PostgreSQL: the {@code test} and {@code postgres} profiles, and a fresh database of the
 * {@link EmbeddedPostgres embedded server} for every application context that Spring builds for it.
 *
 * <p>The database belongs to the context, not to the class: classes with the same configuration share one cached
 * context and its database, as the H2 test classes share theirs (each context start costs 3-17 s, and the PostgreSQL
 * twins were thirteen contexts for thirteen classes). A class with a configuration of its own (e.g.
 * {@code @TestPropertySource}) gets a context of its own, hence a database of its own: two contexts, each with its
 * engine, processors and sealer, never work on one database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ActiveProfiles({"test", "postgres"})
@ContextCustomizerFactories(OnEmbeddedPostgres.DatabasePerContext.class)
public @interface OnEmbeddedPostgres {

    /** Gives each context built for an {@link OnEmbeddedPostgres} class its own database. */
    final class DatabasePerContext implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return new FreshDatabase();
        }
    }

    /**
     * Equal to every other instance, so that it leaves the context cache key as it is: classes otherwise configured
     * alike share a context. Called only when a context is built, never for a cached one.
     */
    final class FreshDatabase implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embedded-postgres",
                    EmbeddedPostgres.springProperties(EmbeddedPostgres.createFreshDatabase())));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FreshDatabase;
        }

        @Override
        public int hashCode() {
            return FreshDatabase.class.hashCode();
        }
    }
}
