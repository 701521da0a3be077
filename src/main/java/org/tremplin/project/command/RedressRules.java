package org.tremplin.project.command;

import java.time.LocalDate;

/**
 * How long a carrier may contest a communicated label refusal ({@code tremplin.labelling.redress-days}, 30 by
 * default): until the end of the day (Paris time) {@code days} after the day the refusal was communicated.
 */
public record RedressRules(int days) {

    public RedressRules {
        if (days < 1 || days > 365) {
            throw new IllegalArgumentException("tremplin.labelling.redress-days must be between 1 and 365 (got " + days + ")");
        }
    }

    public static RedressRules defaults() {
        return new RedressRules(30);
    }

    /** The last day a refusal communicated on {@code communicatedOn} may be contested. */
    public LocalDate deadlineAfter(LocalDate communicatedOn) {
        return communicatedOn.plusDays(days);
    }
}
