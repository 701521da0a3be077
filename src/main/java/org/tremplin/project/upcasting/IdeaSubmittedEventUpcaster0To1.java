package org.tremplin.project.upcasting;

import org.tremplin.platform.upcasting.JsonPayloadUpcaster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * {@code IdeaSubmittedEvent} revision "0" to revision "1".
 * <p>
 * <b>Revision 0</b> is the shape before the carrier's planned budget was added. The carrier was stored
 * as a nested object, the way the submit command still carries it ({@code PartnerOrganisation}), and
 * the carrier declared no budget when submitting the idea:
 * <pre>
 * {"projectId": "...", "title": "...", "summary": "...", "thematicAxis": "...", "confidentiality": "CONSORTIUM",
 *  "carrier": {"organisationId": "...", "name": "...", "kind": "SME"}}
 * </pre>
 * <b>Revision 1</b> (today's {@code org.tremplin.project.api.IdeaSubmittedEvent}) flattens the carrier
 * into {@code carrierOrganisationId}, {@code carrierName}, {@code carrierKind}, and adds
 * {@code carrierPlannedBudget}, counted in the consortium's total when the project is submitted for labelling.
 * <p>
 * The upcast moves the three carrier fields up unchanged and sets {@code carrierPlannedBudget} to
 * {@code 0.00}: "not declared" (the budget did not exist when the idea was submitted). Nothing is
 * invented: a project submitted under revision 0 totals only its partners' budgets, as it did then.
 * A revision-0 payload without its {@code carrier} object is refused rather than guessed.
 */
public class IdeaSubmittedEventUpcaster0To1 extends JsonPayloadUpcaster {

    public static final String PAYLOAD_TYPE = "org.tremplin.project.api.IdeaSubmittedEvent";
    /** The planned budget of a carrier whose idea was submitted before the budget was recorded. */
    public static final BigDecimal UNDECLARED_BUDGET = new BigDecimal("0.00");

    public IdeaSubmittedEventUpcaster0To1() {
        super(PAYLOAD_TYPE, "0", "1");
    }

    @Override
    protected ObjectNode upcast(ObjectNode payload) {
        JsonNode carrier = payload.remove("carrier");
        if (carrier == null || !carrier.isObject()) {
            throw malformed(payload, "no 'carrier' object");
        }
        ObjectNode nested = (ObjectNode) carrier;
        payload.set("carrierOrganisationId", required(nested, "organisationId", payload));
        payload.set("carrierName", required(nested, "name", payload));
        payload.set("carrierKind", required(nested, "kind", payload));
        if (!payload.hasNonNull("carrierPlannedBudget")) {
            payload.set("carrierPlannedBudget", DecimalNode.valueOf(UNDECLARED_BUDGET));
        }
        return payload;
    }
}
