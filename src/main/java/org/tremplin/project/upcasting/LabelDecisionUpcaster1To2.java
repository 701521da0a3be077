package org.tremplin.project.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tremplin.platform.upcasting.JsonPayloadUpcaster;

/**
 * {@code LabelGrantedEvent} and {@code LabelRefusedEvent} revision "1" to revision "2" (one instance per type).
 * <p>
 * <b>Revision 1</b> recorded the decision, its reasons and the average score. <b>Revision 2</b> adds
 * {@code capacityShown}, the carrier-capacity verdicts the labelling step showed. A revision-1 decision was taken before
 * the check existed: nothing was shown, so the upcast sets an empty list; no verdict is invented.
 */
public class LabelDecisionUpcaster1To2 extends JsonPayloadUpcaster {

    public static final String GRANTED = "org.tremplin.project.api.LabelGrantedEvent";
    public static final String REFUSED = "org.tremplin.project.api.LabelRefusedEvent";

    public LabelDecisionUpcaster1To2(String payloadType) {
        super(payloadType, "1", "2");
    }

    @Override
    protected ObjectNode upcast(ObjectNode payload) {
        if (!payload.has("projectId") || !payload.has("reasons")) {
            throw malformed(payload, "no 'projectId' or 'reasons'");
        }
        if (payload.has("capacityShown")) {
            throw malformed(payload, "revision 1 has no 'capacityShown'");
        }
        payload.putArray("capacityShown");
        return payload;
    }
}
