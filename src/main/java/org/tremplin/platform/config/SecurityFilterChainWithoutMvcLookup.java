package org.tremplin.platform.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Spring Security's filter chain without the Spring MVC handler look-up it puts before it.
 *
 * <p>With Spring MVC present, Spring Security (6.5) wraps its filter chain ({@code springSecurityFilterChain}) in a
 * composite whose first filter, {@code HandlerMappingIntrospector}'s cache filter, looks up the Spring MVC handler of
 * every request before any security filter runs, for the request matchers that match as Spring MVC does
 * ({@code MvcRequestMatcher}) and for CORS configurations taken from the handlers. Tremplin uses neither: its chains
 * match paths with {@code AntPathRequestMatcher} and configure no CORS. The look-up was made, then thrown away, and
 * Spring MVC's dispatcher made it again: 3.4 % of the request threads' samples under four clients on PostgreSQL
 * (src/docs/performance.md, session 30), three times the dispatcher's own look-up in that profile (the introspector
 * asks the handler mappings in turn, through a request wrapper that saves and restores the request's attributes; why
 * it costs three times as much was not measured further).
 *
 * <p>This post-processor runs after every bean definition registry post-processor, Spring Security's included, and puts
 * back the chain that composite wrapped: the {@code FilterChainProxy} Spring Security built from the application's
 * {@code SecurityFilterChain}s, the same filters in the same order, still behind Spring Security's own first filter
 * (which parses the request's path once, for its path matchers and Spring MVC's). When the definitions are not wrapped
 * as it knows (another Spring Security version), it leaves them and says so at start-up;
 * {@code SecurityFilterChainWithoutMvcLookupTest} fails then, so that an upgrade is noticed.
 */
@Component
public class SecurityFilterChainWithoutMvcLookup implements BeanFactoryPostProcessor {

    static final String FILTER_CHAIN = "springSecurityFilterChain";
    private static final String CONFIGURATION = "org.springframework.security.config.annotation.web.configuration.";
    /** Spring MVC's wrapping: the introspector's cache filter, then the chain. */
    private static final String MVC_COMPOSITE = CONFIGURATION + "WebMvcSecurityConfiguration$CompositeFilterChainProxy";
    private static final String CACHE_FILTER = CONFIGURATION
            + "WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";
    /** Spring Security's own wrapping (kept): the filter that parses the request's path once, then the chain. */
    private static final String PATH_COMPOSITE = CONFIGURATION + "WebSecurityConfiguration$CompositeFilterChainProxy";

    private static final Logger log = LoggerFactory.getLogger(SecurityFilterChainWithoutMvcLookup.class);

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(FILTER_CHAIN)) {
            return;
        }
        BeanDefinition chain = registry.getBeanDefinition(FILTER_CHAIN);
        BeanDefinition unwrapped = withoutMvcLookup(chain);
        if (unwrapped == null) {
            log.info("Spring Security's filter chain is not wrapped as this version knows ({}): its Spring MVC handler "
                    + "look-up before every request, if any, stays", chain.getBeanClassName());
        } else if (unwrapped != chain) {
            registry.removeBeanDefinition(FILTER_CHAIN);
            registry.registerBeanDefinition(FILTER_CHAIN, unwrapped);
        }
    }

    /**
     * The definition without Spring MVC's wrapping, changed in place where it is nested in Spring Security's own
     * wrapping; null when no wrapping known here was found.
     */
    private static BeanDefinition withoutMvcLookup(BeanDefinition definition) {
        List<Object> filters = filters(definition);
        if (filters == null || filters.size() != 2 || !(filters.get(1) instanceof BeanDefinition wrapped)) {
            return null;
        }
        if (MVC_COMPOSITE.equals(definition.getBeanClassName()) && filters.get(0) instanceof BeanDefinition cache
                && CACHE_FILTER.equals(cache.getBeanClassName())) {
            return wrapped;
        }
        if (PATH_COMPOSITE.equals(definition.getBeanClassName())) {
            BeanDefinition inner = withoutMvcLookup(wrapped);
            if (inner != null) {
                filters.set(1, inner);
                return definition;
            }
        }
        return null;
    }

    /** The filters a composite definition is built from (its only constructor argument), or null. */
    @SuppressWarnings("unchecked")
    private static List<Object> filters(BeanDefinition definition) {
        ConstructorArgumentValues.ValueHolder argument = definition.getConstructorArgumentValues()
                .getIndexedArgumentValue(0, List.class);
        return argument != null && argument.getValue() instanceof List<?> list ? (List<Object>) list : null;
    }
}
