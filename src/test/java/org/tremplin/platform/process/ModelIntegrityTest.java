package org.tremplin.platform.process;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.tremplin.project.api.Recommendation;
import org.tremplin.project.process.LabellingProcess;
import org.tremplin.project.process.ProjectLifecycleProcess;
import org.tremplin.support.ApiTestSupport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.BPMN20_NS;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

/**
 * The BPMN models under {@code bpmn/} and the code agree: they deploy, every id and message name the code
 * spells exists, every bean they name exists with the right type, every form is declared with fields the
 * code knows, ids are meaningful, and every model can be opened in the Modeler (diagram interchange).
 */
class ModelIntegrityTest extends ApiTestSupport {

    /** Ids the Camunda Modeler generates; a model must give its elements meaningful ids instead. */
    private static final List<String> MODELER_DEFAULT_ID_PREFIXES = List.of("Activity_", "Gateway_", "Event_", "Flow_",
            "StartEvent_", "EndEvent_", "Task_", "SubProcess_", "Process_", "Definitions_", "Message_", "Signal_",
            "Error_", "Escalation_", "Participant_", "Collaboration_", "Lane_", "LaneSet_", "DataObject_",
            "DataObjectReference_", "DataStoreReference_", "TextAnnotation_", "Association_", "Group_", "BPMNDiagram_",
            "BPMNPlane_", "TimerEventDefinition_", "MessageEventDefinition_", "SignalEventDefinition_",
            "ErrorEventDefinition_", "EscalationEventDefinition_", "ConditionalEventDefinition_",
            "CompensateEventDefinition_", "LinkEventDefinition_", "TerminateEventDefinition_");

    /** Identifiers an expression may use that are neither process variables nor beans. */
    private static final Set<String> EXPRESSION_BUILT_INS = Set.of("execution", "task", "authenticatedUserId",
            "true", "false", "null", "empty", "not", "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod",
            "instanceof", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "loopCounter");

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w'\"])([A-Za-z_]\\w*)(?!\\s*\\()");

    private static Map<String, BpmnModelInstance> models;
    private static List<ProcessConstants> constants;

    @Autowired
    private ApplicationContext applicationContext;
    @Autowired
    private RepositoryService repositoryService;

    /** A constants class of a model ({@code KEY}, {@code RESOURCE}, nested {@code Elements}, {@code Messages}, {@code Variables}). */
    record ProcessConstants(Class<?> type, String key, String resource, Map<String, Set<String>> groups) {

        Set<String> group(String name) {
            return groups.getOrDefault(name, Set.of());
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    @BeforeAll
    static void readModelsAndConstants() throws Exception {
        models = new LinkedHashMap<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/**/*.bpmn")) {
            try (InputStream in = resource.getInputStream()) {
                models.put(resource.getFilename(), Bpmn.readModelFromStream(in));
            }
        }
        constants = new ArrayList<>();
        for (var javaClass : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tremplin")) {
            if (javaClass.isTopLevelClass() && javaClass.tryGetField("KEY").isPresent()
                    && javaClass.tryGetField("RESOURCE").isPresent()) {
                Class<?> type = Class.forName(javaClass.getName());
                Map<String, Set<String>> groups = new LinkedHashMap<>();
                for (Class<?> nested : type.getDeclaredClasses()) {
                    groups.put(nested.getSimpleName(), stringConstants(nested));
                }
                constants.add(new ProcessConstants(type, (String) type.getField("KEY").get(null),
                        (String) type.getField("RESOURCE").get(null), groups));
            }
        }
    }

    @Test
    void the_models_and_their_constants_classes_are_found() {
        assertThat(models).containsKeys("project-lifecycle.bpmn", "labelling.bpmn");
        assertThat(constants).extracting(ProcessConstants::type)
                .contains(ProjectLifecycleProcess.class, LabellingProcess.class);
        // every model is described by exactly one constants class, and every constants class by a model
        assertThat(constants).extracting(c -> fileName(c.resource()))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(models.keySet());
    }

    @Test
    void every_model_is_deployed_as_it_is_on_disk_under_its_key() throws IOException {
        for (ProcessConstants c : constants) {
            BpmnModelInstance model = modelOf(c);
            assertThat((Object) model.getModelElementById(c.key())).as("%s.KEY %s in %s", c, c.key(), c.resource())
                    .isInstanceOf(Process.class);
            assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(c.key()).count())
                    .as("deployed definitions of %s", c.key()).isPositive();
        }
        for (Map.Entry<String, BpmnModelInstance> model : models.entrySet()) {
            for (Process process : model.getValue().getModelElementsByType(Process.class)) {
                assertThat(process.isExecutable()).as("%s is executable", process.getId()).isTrue();
                ProcessDefinition deployed = repositoryService.createProcessDefinitionQuery()
                        .processDefinitionKey(process.getId()).latestVersion().singleResult();
                assertThat(deployed).as("deployed definition of %s (%s)", process.getId(), model.getKey()).isNotNull();
                assertThat(fileName(deployed.getResourceName())).isEqualTo(model.getKey());
                try (InputStream deployedXml = repositoryService.getResourceAsStream(deployed.getDeploymentId(),
                        deployed.getResourceName());
                     InputStream onDisk = new PathMatchingResourcePatternResolver()
                             .getResource("classpath:bpmn/" + model.getKey()).getInputStream()) {
                    assertThat(deployedXml).as("the deployed %s is the file on disk", model.getKey())
                            .hasSameContentAs(onDisk);
                }
            }
        }
    }

    @Test
    void every_element_constant_names_an_element_of_its_model() {
        for (ProcessConstants c : constants) {
            BpmnModelInstance model = modelOf(c);
            assertThat(c.group("Elements")).as("%s.Elements", c).isNotEmpty();
            for (String id : c.group("Elements")) {
                assertThat((Object) model.getModelElementById(id)).as("%s.Elements %s in %s", c, id, c.resource())
                        .isInstanceOf(FlowNode.class);
            }
        }
    }

    @Test
    void every_flow_node_of_a_model_has_its_element_constant() {
        for (ProcessConstants c : constants) {
            assertThat(modelOf(c).getModelElementsByType(FlowNode.class)).extracting(BaseElement::getId)
                    .as("flow nodes of %s without a constant in %s.Elements", c.resource(), c)
                    .allMatch(c.group("Elements")::contains);
        }
    }

    @Test
    void every_message_constant_names_a_message_of_its_model_and_back() {
        for (ProcessConstants c : constants) {
            Set<String> messageNames = modelOf(c).getModelElementsByType(Message.class).stream()
                    .map(Message::getName).collect(Collectors.toSet());
            assertThat(messageNames).as("message names of %s vs %s.Messages", c.resource(), c)
                    .containsExactlyInAnyOrderElementsOf(c.group("Messages"));
        }
        assertThat(modelOf(ProjectLifecycleProcess.class).getModelElementsByType(Message.class))
                .extracting(Message::getName).contains(ProjectLifecycleProcess.Messages.PROJECT_ABANDONED);
    }

    @Test
    void every_delegate_expression_names_a_spring_bean_of_the_right_type() {
        List<String> checked = new ArrayList<>();
        forEachElement((file, element) -> {
            String delegateExpression = element.getAttribute(CAMUNDA_NS, "delegateExpression");
            String className = element.getAttribute(CAMUNDA_NS, "class");
            Class<?> expectedType = switch (element.getLocalName()) {
                case "taskListener" -> TaskListener.class;
                case "executionListener" -> ExecutionListener.class;
                default -> JavaDelegate.class;
            };
            String where = file + " " + element.getLocalName() + " of " + enclosingId(element);
            if (delegateExpression != null) {
                Matcher bean = Pattern.compile("^[$#]\\{\\s*([A-Za-z_]\\w*)\\s*}$").matcher(delegateExpression.strip());
                assertThat(bean.matches()).as("%s: delegateExpression %s names one bean", where, delegateExpression)
                        .isTrue();
                assertThat(applicationContext.containsBean(bean.group(1))).as("%s: bean %s", where, bean.group(1))
                        .isTrue();
                assertThat(applicationContext.getBean(bean.group(1))).as("%s: bean %s", where, bean.group(1))
                        .isInstanceOf(expectedType);
                checked.add(bean.group(1));
            }
            if (className != null) {
                assertThat(loadable(className)).as("%s: class %s", where, className).isTrue();
                checked.add(className);
            }
            String expression = element.getAttribute(CAMUNDA_NS, "expression");
            if (expression != null) {
                for (String name : identifiers(expression)) {
                    assertThat(EXPRESSION_BUILT_INS.contains(name) || applicationContext.containsBean(name))
                            .as("%s: expression %s uses %s, neither a bean nor a built-in", where, expression, name)
                            .isTrue();
                }
            }
        });
        assertThat(checked).as("beans named by the models").contains("submitIdeaDelegate", "assignReviewersListener");
    }

    @Test
    void every_process_step_bean_is_used_by_a_model() {
        Set<String> used = new TreeSet<>();
        forEachElement((file, element) -> {
            String delegateExpression = element.getAttribute(CAMUNDA_NS, "delegateExpression");
            if (delegateExpression != null) {
                used.add(delegateExpression.replaceAll("[$#{}\\s]", ""));
            }
        });
        Set<String> stepBeans = new TreeSet<>();
        for (Class<?> type : List.of(JavaDelegate.class, TaskListener.class, ExecutionListener.class)) {
            applicationContext.getBeansOfType(type).forEach((name, bean) -> {
                if (bean.getClass().getName().startsWith("org.tremplin.")) {
                    stepBeans.add(name);
                }
            });
        }
        assertThat(stepBeans).as("Tremplin's delegates and listeners").isNotEmpty();
        assertThat(used).as("beans named by the models").containsAll(stepBeans);
    }

    @Test
    void every_user_task_has_a_form_whose_fields_are_variable_constants() {
        for (ProcessConstants c : constants) {
            Collection<UserTask> userTasks = modelOf(c).getModelElementsByType(UserTask.class);
            assertThat(userTasks).as("user tasks of %s", c.resource()).isNotEmpty();
            for (UserTask task : userTasks) {
                List<CamundaFormField> fields = task.getExtensionElements() == null ? List.of()
                        : task.getExtensionElements().getElementsQuery().filterByType(CamundaFormData.class).list()
                        .stream().flatMap(form -> form.getCamundaFormFields().stream()).toList();
                assertThat(task.getCamundaFormKey() != null || !fields.isEmpty())
                        .as("%s %s has camunda:formData or a formKey", c.resource(), task.getId()).isTrue();
                for (CamundaFormField field : fields) {
                    assertThat(c.group("Variables")).as("form field %s of %s is one of %s.Variables",
                            field.getCamundaId(), task.getId(), c).contains(field.getCamundaId());
                }
            }
        }
    }

    @Test
    void every_form_field_is_a_task_local_variable_so_no_task_reads_another_tasks_values() {
        List<String> checked = new ArrayList<>();
        for (ProcessConstants c : constants) {
            for (UserTask task : modelOf(c).getModelElementsByType(UserTask.class)) {
                if (task.getExtensionElements() == null) {
                    continue;
                }
                Set<String> localVariables = task.getExtensionElements().getElementsQuery()
                        .filterByType(CamundaInputOutput.class).list().stream()
                        .flatMap(io -> io.getCamundaInputParameters().stream())
                        .map(CamundaInputParameter::getCamundaName)
                        .collect(Collectors.toSet());
                task.getExtensionElements().getElementsQuery().filterByType(CamundaFormData.class).list().stream()
                        .flatMap(form -> form.getCamundaFormFields().stream())
                        .forEach(field -> {
                            assertThat(localVariables).as("%s %s: form field %s is declared as a camunda:inputParameter",
                                    c.resource(), task.getId(), field.getCamundaId()).contains(field.getCamundaId());
                            checked.add(field.getCamundaId());
                        });
            }
        }
        assertThat(checked).contains(LabellingProcess.Variables.SCORE, ProjectLifecycleProcess.Variables.CONSORTIUM_COMPLETE);
    }

    @Test
    void the_recommendation_choices_of_the_review_form_are_the_recommendations_the_code_reads() {
        UserTask review = modelOf(LabellingProcess.class).getModelElementById(LabellingProcess.Elements.USER_REVIEW_FILE);
        CamundaFormField recommendation = review.getExtensionElements().getElementsQuery()
                .filterByType(CamundaFormData.class).singleResult().getCamundaFormFields().stream()
                .filter(f -> f.getCamundaId().equals(LabellingProcess.Variables.RECOMMENDATION)).findFirst().orElseThrow();
        assertThat(recommendation.getCamundaValues()).extracting(CamundaValue::getCamundaId)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Recommendation.values()).map(Enum::name).toList());
    }

    @Test
    void every_variable_a_model_reads_or_maps_is_a_variable_constant() {
        Set<String> variables = new LinkedHashSet<>();
        constants.forEach(c -> variables.addAll(c.group("Variables")));
        List<String> seen = new ArrayList<>();
        forEachElement((file, element) -> {
            List<String> names = new ArrayList<>();
            for (String attribute : List.of("assignee", "candidateUsers", "candidateGroups", "dueDate", "followUpDate",
                    "priority", "collection")) {
                String value = element.getAttribute(CAMUNDA_NS, attribute);
                if (value != null) {
                    names.addAll(identifiers(value));
                }
            }
            Optional.ofNullable(element.getAttribute(CAMUNDA_NS, "elementVariable")).ifPresent(names::add);
            if (CAMUNDA_NS.equals(element.getNamespaceURI())
                    && (element.getLocalName().equals("inputParameter") || element.getLocalName().equals("outputParameter"))) {
                Optional.ofNullable(element.getAttribute("name")).ifPresent(names::add);
                names.addAll(identifiers(element.getTextContent()));
            }
            if (CAMUNDA_NS.equals(element.getNamespaceURI())
                    && (element.getLocalName().equals("in") || element.getLocalName().equals("out"))) {
                Optional.ofNullable(element.getAttribute("source")).ifPresent(names::add);
                Optional.ofNullable(element.getAttribute("target")).ifPresent(names::add);
                Optional.ofNullable(element.getAttribute("sourceExpression")).map(ModelIntegrityTest::identifiers)
                        .ifPresent(names::addAll);
            }
            if (BPMN20_NS.equals(element.getNamespaceURI()) && Set.of("conditionExpression", "timeDate", "timeDuration",
                    "timeCycle", "completionCondition", "loopCardinality").contains(element.getLocalName())) {
                names.addAll(identifiers(element.getTextContent()));
            }
            for (String name : names) {
                if (!EXPRESSION_BUILT_INS.contains(name)) {
                    assertThat(variables).as("%s <%s> uses variable %s", file, element.getLocalName(), name).contains(name);
                    seen.add(name);
                }
            }
        });
        assertThat(seen).as("variables the models use").contains("carrierUser", "reviewerIds", "reviewer",
                "reviewsOverdueAt", "labelGranted", "projectId");
    }

    @Test
    void no_id_in_a_model_is_a_modeler_default() {
        List<String> ids = new ArrayList<>();
        forEachElement((file, element) -> {
            String id = element.getAttribute("id");
            if (id != null && !(CAMUNDA_NS.equals(element.getNamespaceURI()))) {
                ids.add(id);
                assertThat(MODELER_DEFAULT_ID_PREFIXES).as("%s: id %s is a Modeler default", file, id)
                        .noneMatch(id::startsWith);
            }
        });
        assertThat(ids).contains(ProjectLifecycleProcess.Elements.CALL_LABELLING,
                LabellingProcess.Elements.TIMER_REVIEW_OVERDUE, "flow_to_review_file");
        for (ProcessConstants c : constants) {
            c.groups().forEach((group, values) -> {
                if (!group.equals("Variables")) {
                    assertThat(values).as("%s.%s", c, group)
                            .allSatisfy(id -> assertThat(MODELER_DEFAULT_ID_PREFIXES).noneMatch(id::startsWith));
                }
            });
        }
    }

    @Test
    void every_model_has_a_diagram_with_a_shape_for_every_flow_node_and_an_edge_for_every_flow() {
        for (Map.Entry<String, BpmnModelInstance> entry : models.entrySet()) {
            BpmnModelInstance model = entry.getValue();
            assertThat(model.getModelElementsByType(BpmnDiagram.class)).as("diagrams of %s", entry.getKey()).isNotEmpty();
            Set<String> planes = model.getModelElementsByType(BpmnPlane.class).stream()
                    .map(plane -> plane.getBpmnElement() == null ? null : plane.getBpmnElement().getId())
                    .collect(Collectors.toSet());
            assertThat(planes).as("planes of %s", entry.getKey()).containsAll(model.getModelElementsByType(Process.class)
                    .stream().map(BaseElement::getId).toList());
            Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                    .filter(shape -> shape.getBounds() != null && shape.getBpmnElement() != null)
                    .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
            Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                    .filter(edge -> edge.getWaypoints().size() >= 2 && edge.getBpmnElement() != null)
                    .map(edge -> edge.getBpmnElement().getId()).collect(Collectors.toSet());
            List<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(BaseElement::getId).toList();
            List<String> flows = model.getModelElementsByType(SequenceFlow.class).stream().map(BaseElement::getId).toList();
            assertThat(nodes).as("flow nodes of %s", entry.getKey()).isNotEmpty();
            assertThat(shapes).as("flow nodes of %s with a shape", entry.getKey()).containsAll(nodes);
            assertThat(edges).as("sequence flows of %s with an edge", entry.getKey()).containsAll(flows);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static BpmnModelInstance modelOf(ProcessConstants c) {
        BpmnModelInstance model = models.get(fileName(c.resource()));
        assertThat(model).as("%s.RESOURCE %s", c, c.resource()).isNotNull();
        return model;
    }

    private static BpmnModelInstance modelOf(Class<?> constantsClass) {
        return modelOf(constants.stream().filter(c -> c.type().equals(constantsClass)).findFirst().orElseThrow());
    }

    private static void forEachElement(java.util.function.BiConsumer<String, DomElement> check) {
        models.forEach((file, model) -> walk(model.getDocument().getRootElement(), element -> check.accept(file, element)));
    }

    private static void walk(DomElement element, Consumer<DomElement> visitor) {
        visitor.accept(element);
        element.getChildElements().forEach(child -> walk(child, visitor));
    }

    /** The variable or bean names an expression refers to ({@code ${!labelGranted}} gives labelGranted). */
    static List<String> identifiers(String text) {
        List<String> names = new ArrayList<>();
        Matcher expression = EXPRESSION.matcher(text == null ? "" : text);
        while (expression.find()) {
            String body = expression.group(1).replaceAll("'[^']*'|\"[^\"]*\"", "''");
            Matcher identifier = IDENTIFIER.matcher(body);
            while (identifier.find()) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    private static Set<String> stringConstants(Class<?> type) throws IllegalAccessException {
        Set<String> values = new LinkedHashSet<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                field.setAccessible(true);
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    /** The id of the element or of its nearest ancestor with one (a listener's task). */
    private static String enclosingId(DomElement element) {
        for (DomElement e = element; e != null; e = e.getParentElement()) {
            if (e.getAttribute("id") != null) {
                return e.getAttribute("id");
            }
        }
        return "?";
    }

    private static String fileName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
