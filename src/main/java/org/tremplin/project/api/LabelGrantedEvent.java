package org.tremplin.project.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The labelling committee granted the cluster's label, with its reasons and the carrier-capacity verdicts it was shown
 * (carrier first, then each partner; empty for a decision recorded before the check existed).
 * <p>
 * Revision 2 added {@code capacityShown}; revision 1 payloads are upcast with none
 * ({@code org.tremplin.project.upcasting.LabelDecisionUpcaster1To2}).
 */
@Revision("2")
public record LabelGrantedEvent(String projectId, String reasons, java.math.BigDecimal averageScore,
                                List<CapacityVerdictShown> capacityShown) implements ProjectEvent {

    public LabelGrantedEvent(String projectId, String reasons, java.math.BigDecimal averageScore) {
        this(projectId, reasons, averageScore, List.of());
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
