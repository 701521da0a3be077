package org.tremplin.project.process;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.tremplin.organisation.api.FindOrganisationsOfUserQuery;
import org.tremplin.organisation.api.FindReviewerBackgroundsQuery;
import org.tremplin.organisation.api.ReviewerBackground;
import org.tremplin.organisation.api.ReviewerBackgroundView;
import org.tremplin.platform.process.Identity;
import org.tremplin.platform.process.StepCommands;
import org.tremplin.platform.process.StepVariables;
import org.tremplin.project.api.AssignReviewersCommand;
import org.tremplin.project.api.ReviewerAssignment;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

import static org.tremplin.project.process.LabellingProcess.Variables.*;

/**
 * Completing {@code user_assign_reviewers}: each reviewer must be a user of the reviewer group; the
 * organisations each acts for go with the command so the project can refuse conflicts of interest, and each one's
 * declared background so that it can check the pole's panel mix (src/docs/review-panels.md).
 */
@Component
public class AssignReviewersListener implements TaskListener {

    private final StepCommands commands;
    private final Identity identity;
    private final QueryGateway queryGateway;

    public AssignReviewersListener(StepCommands commands, Identity identity, QueryGateway queryGateway) {
        this.commands = commands;
        this.identity = identity;
        this.queryGateway = queryGateway;
    }

    @Override
    public void notify(DelegateTask task) {
        String list = StepVariables.string(task, REVIEWERS);
        if (list == null || list.isBlank()) {
            throw DomainException.invalid(REVIEWERS + " is required: the reviewers' user ids, separated by commas");
        }
        List<String> userIds = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Map<String, ReviewerBackground> backgrounds = new HashMap<>();
        queryGateway.query(new FindReviewerBackgroundsQuery(userIds),
                        ResponseTypes.multipleInstancesOf(ReviewerBackgroundView.class)).join()
                .forEach(view -> backgrounds.put(view.userId(), view.background()));
        List<ReviewerAssignment> reviewers = new ArrayList<>();
        for (String userId : userIds) {
            if (!identity.isInGroup(userId, Roles.REVIEWER)) {
                throw DomainException.invalid("reviewer " + userId + " is not a user of the " + Roles.REVIEWER + " group");
            }
            List<String> organisations = queryGateway.query(new FindOrganisationsOfUserQuery(userId),
                    ResponseTypes.multipleInstancesOf(String.class)).join();
            reviewers.add(new ReviewerAssignment(userId, organisations, backgrounds.get(userId)));
        }
        LocalDate deadline = StepVariables.date(task, REVIEW_DEADLINE);
        commands.send(task, new AssignReviewersCommand(task.getExecution().getProcessBusinessKey(), reviewers, deadline));
        List<String> ids = reviewers.stream().map(ReviewerAssignment::userId).toList();
        task.getExecution().setVariable(REVIEWER_IDS,
                Variables.objectValue(new ArrayList<>(ids)).serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
        task.getExecution().setVariable(REVIEWS_OVERDUE_AT, StepVariables.endOf(deadline));
    }
}
