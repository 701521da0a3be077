package org.tremplin.project.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tremplin.platform.upcasting.JsonPayloadUpcaster;

/**
 * {@code ReviewersAssignedEvent} revision "1" to revision "2".
 * <p>
 * <b>Revision 1</b> recorded the reviewers and the review deadline. <b>Revision 2</b> adds {@code panel} (each
 * reviewer with the background it had declared) and {@code requiredMix} (the backgrounds the pole's panel rule
 * required). A revision-1 assignment was made before reviewers declared backgrounds and before any mix was checked:
 * the upcast lists each reviewer with a {@code null} background and sets an empty required mix; no background is
 * invented.
 */
public class ReviewersAssignedEventUpcaster1To2 extends JsonPayloadUpcaster {

    public static final String PAYLOAD_TYPE = "org.tremplin.project.api.ReviewersAssignedEvent";

    public ReviewersAssignedEventUpcaster1To2() {
        super(PAYLOAD_TYPE, "1", "2");
    }

    @Override
    protected ObjectNode upcast(ObjectNode payload) {
        JsonNode reviewers = payload.get("reviewerIds");
        if (reviewers == null || !reviewers.isArray()) {
            throw malformed(payload, "no 'reviewerIds' list");
        }
        if (payload.has("panel") || payload.has("requiredMix")) {
            throw malformed(payload, "revision 1 has no 'panel' nor 'requiredMix'");
        }
        ArrayNode panel = payload.putArray("panel");
        for (JsonNode reviewer : reviewers) {
            panel.addObject().put("reviewerId", reviewer.asText()).putNull("background");
        }
        payload.putArray("requiredMix");
        return payload;
    }
}
