package org.tremplin.audit.seal;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.tremplin.audit.api.FindSealStatusQuery;
import org.tremplin.audit.api.SealStatusView;
import org.tremplin.shared.DomainException;

import java.time.Clock;
import java.time.Duration;

/** The seal verification offered to other contexts (e.g. the investors' funding passport) through a query. */
@Component
class SealStatusQueryHandler {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private final SealVerifier verifier;
    private final Clock clock;

    SealStatusQueryHandler(SealVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @QueryHandler
    public SealStatusView handle(FindSealStatusQuery query) {
        // a funding passport does not wait long for a verification already running on this node
        SealVerification verification = verifier.verifyIfFree(WAIT).orElseThrow(() -> DomainException.conflict(
                "A seal verification is running on this node: its status is not known yet"));
        String problem = verification.firstProblem() == null ? null
                : verification.firstProblem().kind() + " at global index " + verification.firstProblem().globalIndex()
                + ": " + verification.firstProblem().detail();
        return new SealStatusView(verification.verified(), verification.status().name(), verification.sealedThrough(),
                verification.unsealedEvents(), verification.oldestUnsealedAgeSeconds(), problem, clock.instant());
    }
}
