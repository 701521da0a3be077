package org.tremplin.audit.seal;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.tremplin.audit.api.FindSealStatusQuery;
import org.tremplin.audit.api.SealStatusView;

import java.time.Clock;

/** The seal verification offered to other contexts (e.g. the investors' funding passport) through a query. */
@Component
class SealStatusQueryHandler {

    private final SealVerifier verifier;
    private final Clock clock;

    SealStatusQueryHandler(SealVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @QueryHandler
    public SealStatusView handle(FindSealStatusQuery query) {
        SealVerification verification = verifier.verify(null);
        String problem = verification.firstProblem() == null ? null
                : verification.firstProblem().kind() + " at global index " + verification.firstProblem().globalIndex()
                + ": " + verification.firstProblem().detail();
        return new SealStatusView(verification.verified(), verification.status().name(), verification.sealedThrough(),
                verification.unsealedEvents(), verification.oldestUnsealedAgeSeconds(), problem, clock.instant());
    }
}
