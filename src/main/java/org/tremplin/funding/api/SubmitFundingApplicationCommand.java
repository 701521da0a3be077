package org.tremplin.funding.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Files a project's application to one funder's call, one request per partner. The step checks the call's
 * window and eligibility first ({@link CheckCallEligibilityCommand}); the application then checks every request
 * against the funder's rate times the partner's eligible costs and refuses one above it, naming the maximum.
 * The funder's contracting deadline is recorded now, so the application knows when an unsigned grant lapses.
 */
public record SubmitFundingApplicationCommand(
        @TargetAggregateIdentifier String applicationId,
        String projectId,
        String callId,
        String callCode,
        String funderId,
        FunderKind funderKind,
        boolean labelled,
        int contractingDeadlineMonths,
        List<PartnerRequest> requests) {

    public static final String ID_PREFIX = "APP-";

    /** One application per project and call, e.g. APP-PRJ-1A2B3C-FUI-25. */
    public static String applicationId(String projectId, String callCode) {
        return ID_PREFIX + projectId + "-" + callCode;
    }
}
