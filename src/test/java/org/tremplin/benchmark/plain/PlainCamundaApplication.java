package org.tremplin.benchmark.plain;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plain Camunda 7 for {@code CamundaComparisonBenchmark}: a Spring Boot application with Camunda's starters (engine,
 * engine REST, webapps), deploying the very same files of {@code bpmn/} as Tremplin with the same engine settings (full
 * history, JSON serialization), where every {@code delegateExpression} of the models resolves to a no-op bean
 * ({@link NoOpDelegate}) — except the two listeners whose process variables the models read on
 * ({@code assignReviewersListener}: {@code reviewerIds}, {@code reviewsOverdueAt}; {@code decideLabelListener}:
 * {@code labelGranted}), which set exactly those variables as Tremplin's do, and nothing else; and with the one index
 * Tremplin adds to Camunda's schema ({@link #engineIndexes()}) and its look-up of authorized groups by that
 * table's index ({@link #authorizedGroupsByIndex()}).
 *
 * <p>Started as a separate JVM by the benchmark ({@code java -cp <test class path> ...PlainCamundaApplication}) with
 * {@code --spring.config.name=plain-camunda} (so Tremplin's {@code application.yml} on the same class path is not read)
 * and the data source on the command line. With {@code --plain.auth=true}: Camunda's authorizations on, the engine
 * REST behind its HTTP basic authentication filter, and the benchmark's users, groups and grants created at start-up
 * (mirroring Tremplin's grants: see {@link #users}).
 *
 * <p>Deliberately neither {@code @Configuration} nor {@code @SpringBootApplication}: the class sits in the test sources
 * under {@code org.tremplin}, and Tremplin's own test contexts scan that package. Tremplin's other libraries on the
 * class path (Axon, Flyway, Spring Security, springdoc, Thymeleaf) are switched off by excluding their
 * auto-configurations ({@link #excludedAutoConfigurations()}).
 */
@EnableAutoConfiguration
public class PlainCamundaApplication {

    /** The benchmark's users (password {@link #PASSWORD}) and their groups, for the authenticated variant. */
    public static final String STAFF = "bench-staff";
    public static final String CARRIER = "bench-carrier";
    public static final String REVIEWER_A = "bench-reviewer-a";
    public static final String REVIEWER_B = "bench-reviewer-b";
    public static final String PASSWORD = "bench-password-1";

    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("delegateExpression=\"\\$\\{([A-Za-z_][A-Za-z0-9_]*)}\"");
    private static final Set<String> EXCLUDED_PREFIXES = Set.of("org.axonframework.", "org.springdoc.",
            "org.springframework.boot.autoconfigure.flyway.", "org.springframework.boot.autoconfigure.security.",
            "org.springframework.boot.actuate.autoconfigure.security.", "org.springframework.boot.autoconfigure.thymeleaf.");

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.add("--spring.autoconfigure.exclude=" + String.join(",", excludedAutoConfigurations()));
        SpringApplication.run(PlainCamundaApplication.class, arguments.toArray(String[]::new));
    }

    /** Every auto-configuration on the class path that belongs to a library Tremplin adds to a Camunda application. */
    static List<String> excludedAutoConfigurations() {
        Set<String> excluded = new TreeSet<>();
        try {
            Enumeration<URL> imports = PlainCamundaApplication.class.getClassLoader()
                    .getResources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
            for (URL url : Collections.list(imports)) {
                try (InputStream in = url.openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String name = line.strip();
                        if (!name.isEmpty() && !name.startsWith("#") && EXCLUDED_PREFIXES.stream().anyMatch(name::startsWith)) {
                            excluded.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(excluded);
    }

    /** A no-op bean under every name a model of {@code bpmn/} uses as a delegate expression and that has no bean yet. */
    @Bean
    static BeanFactoryPostProcessor noOpDelegates() {
        return beanFactory -> {
            BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
            for (String name : delegateExpressionNames()) {
                if (!registry.containsBeanDefinition(name)) {
                    registry.registerBeanDefinition(name, new RootBeanDefinition(NoOpDelegate.class));
                }
            }
        };
    }

    static Set<String> delegateExpressionNames() {
        Set<String> names = new TreeSet<>();
        try {
            for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
                try (InputStream in = model.getInputStream()) {
                    Matcher matcher = DELEGATE_EXPRESSION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Sets what Tremplin's listener sets for the model: the reviewers' list (JSON) and when the reviews are overdue. */
    @Bean
    TaskListener assignReviewersListener() {
        return task -> {
            List<String> ids = java.util.Arrays.stream(String.valueOf(task.getVariable("reviewers")).split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).distinct().collect(Collectors.toCollection(ArrayList::new));
            Date due = (Date) task.getVariable("reviewDeadline");
            LocalDate deadline = due.toInstant().atZone(ZoneId.of("Europe/Paris")).toLocalDate();
            task.getExecution().setVariable("reviewerIds",
                    Variables.objectValue(ids).serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
            task.getExecution().setVariable("reviewsOverdueAt",
                    Date.from(deadline.plusDays(1).atStartOfDay(ZoneId.of("Europe/Paris")).toInstant()));
        };
    }

    /**
     * The index on {@code ACT_RU_TASK(PARENT_TASK_ID_)} that Tremplin adds to Camunda's schema ({@code EngineIndexes}),
     * added here too: without it every completion reads every running task, about 1 ms each with the 2,000 running
     * tasks that a warm-up until compiled leaves (session 36), which is a missing index, not a step's cost.
     */
    @Bean
    org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin engineIndexes() {
        return new org.tremplin.platform.process.EngineIndexes();
    }

    /**
     * Camunda's look-up of the groups holding an authorization through their index ({@code AuthorizedGroupsByIndex}),
     * as Tremplin's engine does it: with authorizations on (plain + auth) Camunda's own statement reads every
     * authorization, which grows with the running tasks; that is a query's shape, not a step's cost. Without
     * authorizations (bare) the statement never runs.
     */
    @Bean
    org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin authorizedGroupsByIndex() {
        return new org.tremplin.platform.process.AuthorizedGroupsByIndex();
    }

    /**
     * No grant per task offered to pole staff, whose grant on every task covers it ({@code PoleStaffTaskGrants}), as
     * Tremplin's engine does it: with authorizations on (plain + auth) Camunda otherwise looks up and inserts a grant for
     * each such task, and its task queries for a staff member compare every task with every one of those grants.
     * Without authorizations (bare) no grant is written.
     */
    @Bean
    org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin poleStaffTaskGrants() {
        return new org.tremplin.platform.process.PoleStaffTaskGrants();
    }

    /** Sets what Tremplin's listener sets for the model: whether the label was granted. */
    @Bean
    TaskListener decideLabelListener() {
        return task -> task.getExecution().setVariable("labelGranted", task.getVariable("granted"));
    }

    /** The engine REST behind Camunda's own HTTP basic authentication filter. */
    @Bean
    @ConditionalOnProperty(name = "plain.auth", havingValue = "true")
    FilterRegistrationBean<Filter> engineRestBasicAuthentication() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter("authentication-provider",
                "org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider");
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }

    /**
     * The benchmark's users and groups, and grants as Tremplin gives them ({@code IdentityBootstrap}): every group reads
     * the process definitions; pole staff read every instance and task and work on every task; carriers may start a
     * lifecycle. Assignees and candidate groups other than pole staff get their task permissions from the engine
     * itself, as in Tremplin.
     */
    @Bean
    @ConditionalOnProperty(name = "plain.auth", havingValue = "true")
    ApplicationRunner users(IdentityService identity, AuthorizationService authorizations) {
        return arguments -> {
            group(identity, "pole-staff");
            group(identity, "carrier");
            group(identity, "reviewer");
            user(identity, STAFF, "pole-staff");
            user(identity, CARRIER, "carrier");
            user(identity, REVIEWER_A, "reviewer");
            user(identity, REVIEWER_B, "reviewer");
            grant(authorizations, "reviewer", Resources.PROCESS_DEFINITION, Permissions.READ);
            grant(authorizations, "carrier", Resources.PROCESS_DEFINITION, Permissions.READ,
                    ProcessDefinitionPermissions.CREATE_INSTANCE);
            grant(authorizations, "carrier", Resources.PROCESS_INSTANCE, Permissions.CREATE);
            grant(authorizations, "pole-staff", Resources.PROCESS_DEFINITION, Permissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                    ProcessDefinitionPermissions.READ_HISTORY);
            grant(authorizations, "pole-staff", Resources.PROCESS_INSTANCE, Permissions.READ);
            grant(authorizations, "pole-staff", Resources.TASK, Permissions.READ, Permissions.UPDATE);
        };
    }

    private static void group(IdentityService identity, String id) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(id);
            identity.saveGroup(group);
        }
    }

    private static void user(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Benchmark");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    private static void grant(AuthorizationService authorizations, String group, Resources resource, Permission... permissions) {
        if (authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
                .resourceId(Authorization.ANY).count() > 0) {
            return; // a restart on the same database
        }
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(Authorization.ANY);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }
}
