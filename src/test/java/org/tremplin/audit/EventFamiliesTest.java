package org.tremplin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.tremplin.audit.query.TimelineSummaries;
import org.tremplin.funding.api.FundingEvent;
import org.tremplin.investment.api.InvestmentEvent;
import org.tremplin.organisation.api.OrganisationEvent;
import org.tremplin.project.api.ProjectEvent;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each context's event family: it permits every {@code *Event} of its api package, each a record; each event, built
 * with every component filled, has its own timeline summary (not the generic line for an unknown type), names its
 * funder where it has one, and serializes as before (its components, no property added by the visitor method).
 */
class EventFamiliesTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(JSON).build();

    @Test
    void organisation_events() throws Exception {
        checkFamily(OrganisationEvent.class);
    }

    @Test
    void project_events() throws Exception {
        checkFamily(ProjectEvent.class);
    }

    @Test
    void funding_events() throws Exception {
        checkFamily(FundingEvent.class);
    }

    @Test
    void investment_events() throws Exception {
        checkFamily(InvestmentEvent.class);
    }

    @Test
    void a_payload_of_no_family_keeps_the_generic_line_and_no_funder() {
        assertThat(new TimelineSummaries().summarise(new Object(), "SomethingHappenedEvent", "Thing", "T-1"))
                .isEqualTo("Something happened (Thing T-1)");
        assertThat(TimelineSummaries.funderOf(new Object())).isNull();
    }

    private static void checkFamily(Class<?> family) throws Exception {
        assertThat(family.isSealed()).as("%s is sealed", family.getSimpleName()).isTrue();
        Set<String> permitted = Arrays.stream(family.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(permitted).as("the events of %s's package", family.getSimpleName())
                .isEqualTo(eventsInPackageOf(family));
        for (Class<?> type : family.getPermittedSubclasses()) {
            assertThat(type.isRecord()).as("%s is a record", type.getSimpleName()).isTrue();
            Object event = sample(type);
            String summary = new TimelineSummaries().summarise(event, type.getSimpleName(), "Aggregate", "A-1");
            assertThat(summary).as("summary of %s", type.getSimpleName())
                    .isNotBlank()
                    .isNotEqualTo(new TimelineSummaries().summarise(null, type.getSimpleName(), "Aggregate", "A-1"))
                    .doesNotContain("null");
            assertThat(TimelineSummaries.funderOf(event)).as("funder of %s", type.getSimpleName())
                    .isEqualTo(family == FundingEvent.class ? component(event, "funderId") : null);
            roundTrips(event);
        }
    }

    /** Through Axon's Jackson serializer as stored: the record's components as properties, and back equal. */
    private static void roundTrips(Object event) throws Exception {
        SerializedObject<String> stored = SERIALIZER.serialize(event, String.class);
        JsonNode tree = JSON.readTree(stored.getData());
        Set<String> properties = new TreeSet<>();
        tree.fieldNames().forEachRemaining(properties::add);
        assertThat(properties).as("properties of %s", event.getClass().getSimpleName())
                .isEqualTo(Arrays.stream(event.getClass().getRecordComponents()).map(RecordComponent::getName)
                        .collect(Collectors.toCollection(TreeSet::new)));
        Object read = SERIALIZER.deserialize(stored);
        assertThat(read).isEqualTo(event);
    }

    /** The simple names of the {@code *Event} classes compiled into the family's package, the family excepted. */
    private static Set<String> eventsInPackageOf(Class<?> family) throws URISyntaxException {
        File classes = new File(family.getProtectionDomain().getCodeSource().getLocation().toURI());
        File packageFolder = new File(classes, family.getPackageName().replace('.', '/'));
        String[] names = packageFolder.list((dir, name) -> name.endsWith("Event.class") && !name.contains("$"));
        assertThat(names).isNotNull();
        return Arrays.stream(names).map(name -> name.substring(0, name.length() - ".class".length()))
                .filter(name -> !name.equals(family.getSimpleName())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Object component(Object record, String name) throws ReflectiveOperationException {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component.getAccessor().invoke(record);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ samples

    /** A record with every component filled: texts named after their component, amounts, dates, one-element lists. */
    static Object sample(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i].getName(), components[i].getType(), components[i].getGenericType());
        }
        Constructor<?> constructor = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        return constructor.newInstance(values);
    }

    private static Object value(String name, Class<?> type, Type generic) throws ReflectiveOperationException {
        if (type == String.class) {
            return name + "-1";
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("1234.50");
        }
        if (type == int.class || type == Integer.class) {
            return 3;
        }
        if (type == long.class || type == Long.class) {
            return 3L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2027, 3, 31);
        }
        if (type == Instant.class) {
            return Instant.parse("2027-03-31T10:15:30Z");
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isRecord()) {
            return sample(type);
        }
        Type[] arguments = generic instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()
                : new Type[0];
        if (List.class.isAssignableFrom(type) || Collection.class == type) {
            List<Object> list = new ArrayList<>();
            list.add(value(name, (Class<?>) arguments[0], arguments[0]));
            return list;
        }
        if (Set.class.isAssignableFrom(type)) {
            return Set.of(value(name, (Class<?>) arguments[0], arguments[0]));
        }
        if (Map.class.isAssignableFrom(type)) {
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put(value(name, (Class<?>) arguments[0], arguments[0]), value(name, (Class<?>) arguments[1], arguments[1]));
            return map;
        }
        throw new AssertionError("No sample value for " + type + " (component " + name + "): add one to this test");
    }

    /**
     * The visitor method only dispatches: it is the one method each event declares beyond its record accessors (the
     * compiler's synthetic methods, such as a lambda's body in a convenience constructor, are not declared by us).
     */
    @Test
    void events_declare_no_method_but_accept() {
        for (Class<?> family : List.of(OrganisationEvent.class, ProjectEvent.class, FundingEvent.class, InvestmentEvent.class)) {
            for (Class<?> type : family.getPermittedSubclasses()) {
                Set<String> accessors = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                        .collect(Collectors.toSet());
                assertThat(Arrays.stream(type.getDeclaredMethods()).filter(m -> !m.isSynthetic()).map(Method::getName)
                        .filter(name -> !accessors.contains(name) && !Set.of("equals", "hashCode", "toString").contains(name)))
                        .as("methods of %s", type.getSimpleName()).containsOnly("accept");
            }
        }
    }
}
