package org.tremplin.funding.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tremplin.platform.upcasting.JsonPayloadUpcaster;

/**
 * {@code PaymentMadeEvent} revision "1" to revision "2".
 * <p>
 * <b>Revision 1</b> had no payment reference: the reference typed in the payment task's form was not kept.
 * <b>Revision 2</b> adds {@code paymentReference}. A revision-1 payment had none recorded, so the upcast sets it to
 * {@code null} ("none recorded"); nothing is invented.
 */
public class PaymentMadeEventUpcaster1To2 extends JsonPayloadUpcaster {

    public static final String PAYLOAD_TYPE = "org.tremplin.funding.api.PaymentMadeEvent";

    public PaymentMadeEventUpcaster1To2() {
        super(PAYLOAD_TYPE, "1", "2");
    }

    @Override
    protected ObjectNode upcast(ObjectNode payload) {
        if (!payload.has("paymentId")) {
            throw malformed(payload, "no 'paymentId'");
        }
        if (!payload.has("paymentReference")) {
            payload.putNull("paymentReference");
        }
        return payload;
    }
}
