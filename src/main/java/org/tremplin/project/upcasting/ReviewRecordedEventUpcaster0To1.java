package org.tremplin.project.upcasting;

import org.tremplin.platform.upcasting.JsonPayloadUpcaster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * {@code ReviewRecordedEvent} revision "0" to revision "1".
 * <p>
 * <b>Revision 0</b> is the shape before reviews were scored out of 20: an expert gave a {@code mark}
 * out of 10, in half points (7, 7.5, ...):
 * <pre>
 * {"projectId": "...", "reviewerId": "...", "mark": 7.5, "recommendation": "GRANT", "conclusions": "..."}
 * </pre>
 * <b>Revision 1</b> (today's {@code org.tremplin.project.api.ReviewRecordedEvent}) records an integer
 * {@code score} out of 20, which the committee averages.
 * <p>
 * The upcast replaces {@code mark} with {@code score = mark * 2}: the same judgement on today's scale,
 * exact for every half-point mark, so averages over old and new reviews stay comparable. A mark that is
 * missing, outside 0..10 or not a multiple of 0.5 cannot be converted without inventing a score and is
 * refused.
 */
public class ReviewRecordedEventUpcaster0To1 extends JsonPayloadUpcaster {

    public static final String PAYLOAD_TYPE = "org.tremplin.project.api.ReviewRecordedEvent";

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal MAX_SCORE = BigDecimal.valueOf(20);

    public ReviewRecordedEventUpcaster0To1() {
        super(PAYLOAD_TYPE, "0", "1");
    }

    @Override
    protected ObjectNode upcast(ObjectNode payload) {
        JsonNode mark = payload.remove("mark");
        if (mark == null || !mark.isNumber()) {
            throw malformed(payload, "no numeric 'mark'");
        }
        BigDecimal score = mark.decimalValue().multiply(TWO);
        if (score.signum() < 0 || score.compareTo(MAX_SCORE) > 0 || score.stripTrailingZeros().scale() > 0) {
            throw malformed(payload, "mark " + mark + " is not a half-point mark out of 10");
        }
        payload.put("score", score.intValueExact());
        return payload;
    }
}
