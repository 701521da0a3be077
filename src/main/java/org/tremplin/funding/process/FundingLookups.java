package org.tremplin.funding.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.FindCallQuery;
import org.tremplin.funding.api.FindFunderQuery;
import org.tremplin.funding.api.FunderView;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;

/** The registry facts the funding steps read (calls, funders, organisations, projects), each with a clear 404. */
@Component
public class FundingLookups {

    private final QueryGateway queryGateway;

    public FundingLookups(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    public CallView call(String callId) {
        return queryGateway.query(new FindCallQuery(callId), ResponseTypes.optionalInstanceOf(CallView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No call " + callId));
    }

    public FunderView funder(String funderId) {
        return queryGateway.query(new FindFunderQuery(funderId), ResponseTypes.optionalInstanceOf(FunderView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No funder " + funderId));
    }

    public OrganisationView organisation(String organisationId) {
        return queryGateway.query(new FindOrganisationQuery(organisationId), ResponseTypes.optionalInstanceOf(OrganisationView.class))
                .join().orElseThrow(() -> DomainException.invalid("No organisation " + organisationId + " is registered"));
    }

    public ProjectView project(String projectId) {
        return queryGateway.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No project " + projectId));
    }
}
