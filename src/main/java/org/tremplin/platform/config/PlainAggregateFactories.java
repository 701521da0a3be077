package org.tremplin.platform.config;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.util.ClassUtils;

/**
 * Gives every aggregate a plain factory (Axon's {@link GenericAggregateFactory}: its no-argument constructor, found
 * once) instead of the Spring prototype bean Axon's Spring support creates for it by default. Axon asks the factory for
 * a new instance each time it loads an aggregate, that is before every command; through the prototype bean each was a
 * whole Spring bean creation, then a second pass of Spring's configuration over the new instance (post-processors,
 * autowiring look-ups), about 1 % of the request threads' time under load (src/docs/performance.md, session 28). No
 * aggregate here has anything injected: collaborators reach command handlers as parameters, resolved by the
 * repository's model as before. The factory's own model (which Axon uses to instantiate, and to read snapshots) is
 * inspected with Axon's configured parameter resolvers and handler definitions, as the Spring factory did: inspection
 * checks every handler's parameters, and with the classpath's resolvers alone a handler taking a Spring bean (a
 * {@code Clock}) stopped the application at start-up, while tests passed (axon-test's resolver accepts anything).
 *
 * <p>Axon's aggregate lookup uses a bean named {@code <aggregate>AggregateFactory} when one is defined, so this
 * registers one per {@link Aggregate} class before that lookup runs.
 */
public final class PlainAggregateFactories implements BeanDefinitionRegistryPostProcessor {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        for (String name : registry.getBeanDefinitionNames()) {
            String className = registry.getBeanDefinition(name).getBeanClassName();
            if (className == null) {
                continue;
            }
            Class<?> type;
            try {
                type = ClassUtils.forName(className, PlainAggregateFactories.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (!type.isAnnotationPresent(Aggregate.class)) {
                continue;
            }
            String factoryName = Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1)
                    + "AggregateFactory";
            if (!registry.containsBeanDefinition(factoryName)) {
                BeanDefinition factory = BeanDefinitionBuilder.genericBeanDefinition(PlainAggregateFactory.class)
                        .addConstructorArgValue(type).getBeanDefinition();
                registry.registerBeanDefinition(factoryName, factory);
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        // the definitions are all registered above
    }

    /**
     * An aggregate's factory: Axon's generic one over the aggregate's model, built once the application context (and
     * so Axon's configuration) is there.
     */
    public static final class PlainAggregateFactory<T> implements AggregateFactory<T>, ApplicationContextAware,
            InitializingBean {

        private final Class<T> aggregateType;
        private ApplicationContext context;
        private GenericAggregateFactory<T> delegate;

        public PlainAggregateFactory(Class<T> aggregateType) {
            this.aggregateType = aggregateType;
        }

        @Override
        public void setApplicationContext(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public void afterPropertiesSet() {
            Configuration axon = context.getBean(Configuration.class);
            delegate = new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateType,
                    axon.parameterResolverFactory(), axon.handlerDefinition(aggregateType)));
        }

        @Override
        public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
            return delegate.createAggregateRoot(aggregateIdentifier, firstEvent);
        }

        @Override
        public Class<T> getAggregateType() {
            return aggregateType;
        }
    }
}
