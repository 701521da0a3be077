package org.tremplin.benchmark.scale;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generator's {@link CommandTargetResolver}: Axon's {@link AnnotationCommandTargetResolver} looks the command's
 * annotated members up again, through annotation parsing, for every command (a quarter of the generator's time, JFR).
 * This one finds, once per command class, the field annotated {@link TargetAggregateIdentifier} and reads it directly.
 * The first command of each class is also resolved by Axon's resolver and the two answers compared: a class whose
 * answer differs (a version, an identifier on a method) is left to Axon's resolver for the rest of the run.
 */
final class CachedCommandTargetResolver implements CommandTargetResolver {

    private static final Field AXON = null;

    private final CommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();
    /** The identifier field of each command class; {@code AXON} (null) where Axon's resolver answers. */
    private final Map<Class<?>, java.util.Optional<Field>> identifiers = new ConcurrentHashMap<>();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Class<?> type = command.getPayloadType();
        java.util.Optional<Field> known = identifiers.get(type);
        if (known == null) {
            VersionedAggregateIdentifier expected = axon.resolveTarget(command);
            Field field = identifierField(type);
            boolean same = field != null && expected.getVersion() == null
                    && Objects.equals(expected.getIdentifierValue(), read(field, command.getPayload()));
            identifiers.put(type, java.util.Optional.ofNullable(same ? field : AXON));
            return expected;
        }
        if (known.isEmpty()) {
            return axon.resolveTarget(command);
        }
        Object identifier = read(known.get(), command.getPayload());
        if (identifier == null) {
            return axon.resolveTarget(command); // Axon's own refusal, with its message
        }
        return new VersionedAggregateIdentifier(identifier, null);
    }

    private static Field identifierField(Class<?> type) {
        Field found = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(TargetAggregateIdentifier.class)) {
                    if (found != null) {
                        return null;
                    }
                    found = field;
                }
            }
        }
        if (found != null) {
            found.setAccessible(true);
        }
        return found;
    }

    private static Object read(Field field, Object payload) {
        try {
            return field.get(payload);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }
}
