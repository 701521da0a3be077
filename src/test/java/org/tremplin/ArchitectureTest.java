package org.tremplin;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.platform.query.BatchedWrites;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

import java.util.List;
import java.util.Optional;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture of Tremplin's production code. Every rule refuses to pass on an empty selection
 * ({@code allowEmptyShould(false)}), and {@link ArchitectureRulesSelfTest} shows each one fails on a violation.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "org.tremplin";

    /** The bounded contexts, present and planned; each meets the others through its {@code api} package only. */
    static final List<String> CONTEXTS = List.of("organisation", "project", "funding", "investment", "audit", "portfolio");

    // ---------------------------------------------------------------- (a) contexts meet through their api

    @ArchTest
    static final ArchRule contexts_depend_on_other_contexts_only_through_their_api = contextsMeetOnlyThroughTheirApi(ROOT);

    static ArchRule contextsMeetOnlyThroughTheirApi(String root) {
        String[] contextPackages = CONTEXTS.stream().map(context -> root + "." + context + "..").toArray(String[]::new);
        return classes().that().resideInAnyPackage(contextPackages)
                .should(new ArchCondition<JavaClass>("depend on another context only through its api package") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Optional<String> own = contextOf(root, origin);
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = dependency.getTargetClass().getBaseComponentType();
                            Optional<String> other = contextOf(root, target);
                            if (other.isPresent() && !other.equals(own)
                                    && !isIn(target, root + "." + other.get() + ".api")) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                })
                .allowEmptyShould(false)
                .because("a context's command, query, process and web classes are its own; others use its api");
    }

    // ---------------------------------------------------------------- (b) the engine stays in process packages

    @ArchTest
    static final ArchRule only_process_packages_use_camunda = noClasses()
            .that().resideOutsideOfPackage("..process..")
            .should().dependOnClassesThat().resideInAPackage("org.camunda..")
            .allowEmptyShould(false)
            .because("process steps translate between the engine and the domain; nothing else knows the engine");

    // ---------------------------------------------------------------- (c) aggregates are plain Axon

    @ArchTest
    static final ArchRule aggregates_live_in_command_packages = classes()
            .that().areAnnotatedWith(Aggregate.class)
            .should().resideInAPackage("..command..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule aggregates_use_neither_camunda_nor_spring = noClasses()
            .that().resideInAPackage("..command..").and().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "org.springframework..")
            .allowEmptyShould(false)
            .because("aggregates decide the rules with Axon alone (its @Aggregate stereotype lives in org.axonframework)");

    // ---------------------------------------------------------------- (d) api packages are plain messages

    @ArchTest
    static final ArchRule api_packages_use_neither_spring_nor_camunda = noClasses()
            .that().resideInAPackage("..api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.camunda..")
            .allowEmptyShould(false)
            .because("commands, events, queries and views cross contexts and must not drag a framework along");

    @ArchTest
    static final ArchRule api_packages_use_axon_for_annotations_only = noClasses()
            .that().resideInAPackage("..api..")
            .should().dependOnClassesThat(DescribedPredicate.describe("are Axon classes other than annotations",
                    (JavaClass target) -> target.getPackageName().startsWith("org.axonframework")
                            && !target.isAnnotation()))
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule api_types_are_records_or_enums = classes()
            .that().resideInAPackage("..api..")
            .should(new ArchCondition<JavaClass>("be records or enums (or a sealed family of records and its visitor)") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    if (!type.isRecord() && !type.isEnum() && !type.isAnonymousClass() && !isRecordFamily(type.reflect())) {
                        events.add(SimpleConditionEvent.violated(type, type.getName() + " is neither a record nor an enum"));
                    }
                }
            })
            .allowEmptyShould(false);

    /** An event family: a sealed interface that permits records only, or an interface nested in one (its visitor). */
    static boolean isRecordFamily(Class<?> type) {
        if (!type.isInterface()) {
            return false;
        }
        if (type.isSealed()) {
            return java.util.Arrays.stream(type.getPermittedSubclasses()).allMatch(Class::isRecord);
        }
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing != null && enclosing.isSealed() && isRecordFamily(enclosing);
    }

    // ---------------------------------------------------------------- (e) shared is plain Java

    @ArchTest
    static final ArchRule shared_depends_on_java_only = sharedDependsOnJavaOnly(ROOT);

    static ArchRule sharedDependsOnJavaOnly(String root) {
        return classes().that().resideInAPackage(root + ".shared..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".shared..")
                .allowEmptyShould(false)
                .because("every context uses shared; it must not tie them to a framework");
    }

    // ---------------------------------------------------------------- (f) the web layer does not drive the engine

    @ArchTest
    static final ArchRule web_controllers_do_not_use_camunda = noClasses()
            .that().areMetaAnnotatedWith(Controller.class)
            .or().areMetaAnnotatedWith(ControllerAdvice.class)
            .or().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("org.camunda..")
            .allowEmptyShould(false)
            .because("controllers go through process services such as ProjectLifecycle or UserTasks");

    // ---------------------------------------------------------------- (g) a replayed model writes through its batch

    /**
     * In a read model with {@link BatchedWrites}, an event handler (or a method of its class it calls) writes through
     * them, never with a statement of its own: during a replay the batched writes are still queued, so a statement
     * executed at once would run before the earlier events' writes (a file sent back kept its former reviewers so).
     */
    @ArchTest
    static final ArchRule event_handlers_of_batched_models_write_through_the_batch = methods()
            .that().areAnnotatedWith(EventHandler.class)
            .and().areDeclaredInClassesThat(new DescribedPredicate<JavaClass>("have batched writes") {
                @Override
                public boolean test(JavaClass type) {
                    return type.getAllFields().stream().anyMatch(f -> f.getRawType().isEquivalentTo(BatchedWrites.class));
                }
            })
            .should(new ArchCondition<JavaMethod>("not execute JDBC statements but through BatchedWrites") {
                @Override
                public void check(JavaMethod handler, ConditionEvents events) {
                    checkCalls(handler, handler, new java.util.HashSet<>(), events);
                }

                private void checkCalls(JavaMethod handler, JavaCodeUnit unit, java.util.Set<JavaCodeUnit> seen,
                                        ConditionEvents events) {
                    if (!seen.add(unit)) {
                        return;
                    }
                    for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
                        JavaClass owner = call.getTargetOwner();
                        if (owner.getPackageName().startsWith("org.springframework.jdbc")
                                || owner.isAssignableTo(java.sql.Connection.class)
                                || owner.isAssignableTo(java.sql.Statement.class)) {
                            events.add(SimpleConditionEvent.violated(handler, handler.getFullName() + " executes "
                                    + call.getDescription()));
                        } else if (owner.equals(unit.getOwner())) {
                            call.getTarget().resolveMember().ifPresent(target -> checkCalls(handler, target, seen, events));
                        }
                    }
                }
            })
            .allowEmptyShould(false)
            .because("a replay queues these writes and sends them before the commit, in the events' order");

    // ---------------------------------------------------------------- helpers

    private static Optional<String> contextOf(String root, JavaClass type) {
        return CONTEXTS.stream().filter(context -> isIn(type, root + "." + context)).findFirst();
    }

    private static boolean isIn(JavaClass type, String packageName) {
        String name = type.getPackageName();
        return name.equals(packageName) || name.startsWith(packageName + ".");
    }
}
