package org.tremplin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule of {@link ArchitectureTest} fails when it is broken: the rules are evaluated on the deliberate
 * violations of the {@code archfixture.tremplin} test package (a root of the same shape as {@code org.tremplin}),
 * and on an empty selection.
 */
class ArchitectureRulesSelfTest {

    private static final String FIXTURE_ROOT = "archfixture.tremplin";

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURE_ROOT);
        assertThat(fixtures.contain(FIXTURE_ROOT + ".project.web.ViolatingController")).isTrue();
    }

    @Test
    void a_context_using_another_contexts_internals_is_reported_but_not_its_api() {
        // given a project controller using the organisation context's command package and its api

        // when the rule is evaluated
        List<String> details = violations(ArchitectureTest.contextsMeetOnlyThroughTheirApi(FIXTURE_ROOT));

        // then only the uses of the internals are reported (constructor call, field type, method call)
        assertThat(details).hasSize(3).allMatch(d -> d.startsWith("Constructor <" + FIXTURE_ROOT + ".project.web.ViolatingController")
                        || d.startsWith("Field <" + FIXTURE_ROOT + ".project.web.ViolatingController")
                        || d.startsWith("Method <" + FIXTURE_ROOT + ".project.web.ViolatingController"))
                .allMatch(d -> d.contains("<" + FIXTURE_ROOT + ".organisation.command.OrganisationInternals"))
                .noneMatch(d -> d.contains("method <" + FIXTURE_ROOT + ".organisation.api.OrganisationReference"));
    }

    @Test
    void camunda_outside_a_process_package_is_reported() {
        assertThat(violations(ArchitectureTest.only_process_packages_use_camunda))
                .anyMatch(d -> d.contains("ViolatingController") && d.contains("org.camunda"))
                .anyMatch(d -> d.contains("FrameworkAggregate") && d.contains("org.camunda"));
    }

    @Test
    void an_aggregate_outside_a_command_package_is_reported() {
        assertThat(violations(ArchitectureTest.aggregates_live_in_command_packages))
                .anyMatch(d -> d.contains("AggregateOutsideCommand"))
                .noneMatch(d -> d.contains("FrameworkAggregate"));
    }

    @Test
    void an_aggregate_using_camunda_or_spring_is_reported() {
        assertThat(violations(ArchitectureTest.aggregates_use_neither_camunda_nor_spring))
                .anyMatch(d -> d.contains("FrameworkAggregate") && d.contains("org.camunda.bpm.engine.RuntimeService"))
                .anyMatch(d -> d.contains("FrameworkAggregate") && d.contains("org.springframework.context.ApplicationContext"))
                .noneMatch(d -> d.contains("org.axonframework.spring.stereotype.Aggregate"));
    }

    @Test
    void an_api_type_using_spring_is_reported() {
        assertThat(violations(ArchitectureTest.api_packages_use_neither_spring_nor_camunda))
                .anyMatch(d -> d.contains("FrameworkInApi") && d.contains("org.springframework.http.HttpStatus"));
    }

    @Test
    void an_api_type_using_an_axon_class_is_reported_but_not_an_axon_annotation() {
        assertThat(violations(ArchitectureTest.api_packages_use_axon_for_annotations_only))
                .anyMatch(d -> d.contains("FrameworkInApi") && d.contains("org.axonframework.messaging.MetaData"))
                .noneMatch(d -> d.contains("TargetAggregateIdentifier"));
    }

    @Test
    void an_api_type_that_is_neither_a_record_nor_an_enum_is_reported() {
        assertThat(violations(ArchitectureTest.api_types_are_records_or_enums))
                .anyMatch(d -> d.contains("FrameworkInApi"))
                .anyMatch(d -> d.contains("LooseFamily"))
                .noneMatch(d -> d.contains("OrganisationReference") || d.contains("ReferenceEvent"));
    }

    @Test
    void a_framework_in_shared_is_reported() {
        assertThat(violations(ArchitectureTest.sharedDependsOnJavaOnly(FIXTURE_ROOT)))
                .anyMatch(d -> d.contains("FrameworkInShared") && d.contains("org.springframework.util.StringUtils"));
    }

    @Test
    void a_controller_using_camunda_is_reported() {
        assertThat(violations(ArchitectureTest.web_controllers_do_not_use_camunda))
                .anyMatch(d -> d.contains("ViolatingController") && d.contains("org.camunda.bpm.engine.RuntimeService"));
    }

    @Test
    void a_handler_of_a_batched_model_executing_its_own_statement_is_reported_directly_or_through_a_helper() {
        assertThat(violations(ArchitectureTest.event_handlers_of_batched_models_write_through_the_batch))
                .anyMatch(d -> d.contains("UnbatchedProjection.on(" + FIXTURE_ROOT + ".project.query.UnbatchedProjection$FileSentBack)")
                        && d.contains("JdbcClient.sql"))
                .anyMatch(d -> d.contains("UnbatchedProjection$ReviewRecorded)") && d.contains("UnbatchedProjection.touch"))
                .noneMatch(d -> d.contains("UnbatchedProjection$ReviewersAssigned)"));
    }

    @Test
    void every_rule_fails_on_an_empty_selection() throws IllegalAccessException {
        // given every rule of the architecture test, and no classes at all
        List<ArchRule> rules = new ArrayList<>();
        for (Field field : ArchitectureTest.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(ArchTest.class) && Modifier.isStatic(field.getModifiers())) {
                field.setAccessible(true);
                rules.add((ArchRule) field.get(null));
            }
        }
        JavaClasses nothing = new ClassFileImporter().importClasses();

        // then none of them passes vacuously
        assertThat(rules).hasSize(10);
        assertThat(rules).allSatisfy(rule -> assertThatThrownBy(() -> rule.evaluate(nothing))
                .as("%s on no classes", rule.getDescription())
                .isInstanceOf(AssertionError.class).hasMessageContaining("failed to check any classes"));
    }

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as("%s should be violated by the fixtures", rule.getDescription()).isTrue();
        return result.getFailureReport().getDetails();
    }
}
