package org.tremplin.platform.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Objects;

/**
 * Rewrites the stored JSON payload of one event type from one revision to the next, before Axon's
 * {@code JacksonSerializer} turns it into today's record. Works on Jackson's {@link JsonNode}
 * intermediate representation, so the stored bytes are parsed once and the old Java type need not exist.
 * <p>
 * The type name is the stored {@code payloadType} (a historical fact, hence a string, not a class
 * reference). Each step upcasts exactly one revision; a later change adds a "1 to 2" upcaster after it.
 */
public abstract class JsonPayloadUpcaster extends SingleEventUpcaster {

    private final String payloadType;
    private final String fromRevision;
    private final String toRevision;

    protected JsonPayloadUpcaster(String payloadType, String fromRevision, String toRevision) {
        this.payloadType = Objects.requireNonNull(payloadType);
        this.fromRevision = Objects.requireNonNull(fromRevision);
        this.toRevision = Objects.requireNonNull(toRevision);
    }

    public String payloadType() {
        return payloadType;
    }

    public String fromRevision() {
        return fromRevision;
    }

    public String toRevision() {
        return toRevision;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return payloadType.equals(representation.getType().getName())
                && fromRevision.equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(payloadType, toRevision), JsonNode.class,
                payload -> upcastPayload(payload));
    }

    /** Today's payload (revision {@link #toRevision()}) from a stored one of revision {@link #fromRevision()}. */
    public JsonNode upcastPayload(JsonNode stored) {
        if (!(stored instanceof ObjectNode object)) {
            throw new IllegalStateException(payloadType + " revision " + fromRevision
                    + " must be a JSON object, got " + stored.getNodeType());
        }
        return upcast(object.deepCopy());
    }

    /** Rewrites the payload in place (it is a copy) and returns it. */
    protected abstract ObjectNode upcast(ObjectNode payload);

    /** Fails loudly on a stored payload that does not have the expected shape: history is never guessed. */
    protected IllegalStateException malformed(ObjectNode payload, String problem) {
        return new IllegalStateException("Cannot upcast " + payloadType + " revision " + fromRevision + " to "
                + toRevision + ": " + problem + " (payload " + payload + ")");
    }

    protected JsonNode required(ObjectNode node, String field, ObjectNode payload) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw malformed(payload, "missing field '" + field + "'");
        }
        return value;
    }
}
