package org.tremplin.project.api;

import org.axonframework.serialization.Revision;
import org.tremplin.organisation.api.ReviewerBackground;

import java.time.LocalDate;
import java.util.List;

/**
 * Pole staff assigned the experts who review the project file, and the date their reviews are due.
 * {@code panel} gives each reviewer's declared background as it was when the panel was checked ({@code null}
 * background: none declared) and {@code requiredMix} the backgrounds the pole's rule required
 * ({@code tremplin.labelling.panel-mix}; empty: no mix required), so that an auditor sees the mix that was checked.
 * Revision 1 had neither: its upcast ({@code ReviewersAssignedEventUpcaster1To2}) lists the reviewers with no
 * background and an empty required mix (no mix was checked then).
 */
@Revision("2")
public record ReviewersAssignedEvent(String projectId, List<String> reviewerIds, LocalDate reviewDeadline,
                                     List<PanelMember> panel, List<ReviewerBackground> requiredMix) implements ProjectEvent {

    /** An assignment with no background known and no mix required (the shape of revision 1). */
    public ReviewersAssignedEvent(String projectId, List<String> reviewerIds, LocalDate reviewDeadline) {
        this(projectId, reviewerIds, reviewDeadline,
                reviewerIds.stream().map(id -> new PanelMember(id, null)).toList(), List.of());
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
