package org.tremplin.project.api;

import org.tremplin.organisation.api.ReviewerBackground;

/** A reviewer of a panel and the background it had declared when it was assigned ({@code null}: none declared). */
public record PanelMember(String reviewerId, ReviewerBackground background) {
}
