package org.tremplin.investment.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.ProjectView;

import java.util.Optional;

/** The facts of other contexts the round's steps read. */
@Component
public class InvestmentLookups {

    private final QueryGateway queryGateway;

    public InvestmentLookups(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    public Optional<ProjectView> project(String projectId) {
        return queryGateway.query(new FindProjectQuery(projectId), ResponseTypes.optionalInstanceOf(ProjectView.class)).join();
    }
}
