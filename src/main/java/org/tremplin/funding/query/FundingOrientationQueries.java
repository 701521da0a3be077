package org.tremplin.funding.query;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tremplin.funding.api.CallView;
import org.tremplin.funding.api.FindCallsQuery;
import org.tremplin.funding.api.FindFunderQuery;
import org.tremplin.funding.api.FindFundingOrientationQuery;
import org.tremplin.funding.api.FunderView;
import org.tremplin.funding.command.FundingRules;
import org.tremplin.organisation.api.FindOrganisationQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.PreLabelOrientation;
import org.tremplin.project.api.ProjectView;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.ParisTime;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers what the pre-label's orientation needs from the read models (the project's lead and joined partners with
 * their planned budgets, their kinds and regions, the calls open today and their funders) and reuses the capacity
 * check's lead times ({@link CapacityQueries#leadTimes(String)}) and the decision table ({@link FundingRules}); the
 * arithmetic is {@link FundingOrientation}'s. The pole's territory is {@code tremplin.funding.pole-territory}, as when an
 * application is filed.
 */
@Component
public class FundingOrientationQueries {

    private final QueryGateway queryGateway;
    private final CapacityQueries capacity;
    private final FundingRules rules;
    private final Clock clock;
    private final Set<String> territory;

    public FundingOrientationQueries(QueryGateway queryGateway, CapacityQueries capacity, FundingRules rules, Clock clock,
                                     @Value("${tremplin.funding.pole-territory:Auvergne-Rhône-Alpes}") List<String> territory) {
        this.queryGateway = queryGateway;
        this.capacity = capacity;
        this.rules = rules;
        this.clock = clock;
        this.territory = new HashSet<>(territory.stream().map(String::strip).toList());
    }

    @QueryHandler
    public PreLabelOrientation handle(FindFundingOrientationQuery query) {
        ProjectView project = queryGateway.query(new FindProjectQuery(query.projectId()),
                        ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No project " + query.projectId()));
        LocalDate today = ParisTime.today(clock);
        List<FundingOrientation.Member> members = new ArrayList<>();
        for (ProjectView.PartnerView partner : project.partners()) {
            if (partner.status() != PartnerStatus.LEAD && partner.status() != PartnerStatus.JOINED) {
                continue;
            }
            OrganisationView organisation = queryGateway.query(new FindOrganisationQuery(partner.organisationId()),
                    ResponseTypes.optionalInstanceOf(OrganisationView.class)).join().orElse(null);
            members.add(new FundingOrientation.Member(partner.organisationId(),
                    organisation == null ? partner.name() : organisation.name(),
                    organisation == null ? partner.kind() : organisation.kind(),
                    organisation != null && organisation.region() != null && territory.contains(organisation.region()),
                    partner.plannedBudget()));
        }
        List<CallView> calls = queryGateway.query(new FindCallsQuery(null, today),
                ResponseTypes.multipleInstancesOf(CallView.class)).join();
        Map<String, FunderView> funders = new HashMap<>();
        for (CallView call : calls) {
            funders.computeIfAbsent(call.funderId(), id -> queryGateway.query(new FindFunderQuery(id),
                    ResponseTypes.optionalInstanceOf(FunderView.class)).join().orElse(null));
        }
        funders.values().removeIf(java.util.Objects::isNull);
        return FundingOrientation.compute(today, members, calls, funders, rules, capacity::leadTimes);
    }
}
