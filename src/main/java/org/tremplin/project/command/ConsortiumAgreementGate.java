package org.tremplin.project.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tremplin.project.api.AgreementRequiredBefore;
import org.tremplin.project.api.CheckConsortiumAgreementSignedCommand;
import org.tremplin.project.api.FindProjectQuery;
import org.tremplin.project.api.PartnerStatus;
import org.tremplin.project.api.ProjectStatus;
import org.tremplin.project.api.ProjectView;
import org.tremplin.project.api.RequireSignedConsortiumAgreementCommand;
import org.tremplin.project.api.SetConsortiumAgreementTermsCommand;
import org.tremplin.shared.DomainException;

import java.util.List;

/**
 * The pole's rule {@code tremplin.consortium-agreement.required-before} ({@code labelling}, {@code first-convention}
 * or {@code none}, the default: not every pole keeps a model agreement, and projects already under way must not be
 * stopped by an upgrade). A step the rule names sends {@link RequireSignedConsortiumAgreementCommand}; when the rule
 * applies, the project's agreement must be signed by every consortium member (the carrier and the partners who
 * joined), else the command is refused naming the missing signatures and the step rolls back with nothing stored.
 */
@Component
public class ConsortiumAgreementGate {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private volatile AgreementRequiredBefore requiredBefore;

    public ConsortiumAgreementGate(CommandGateway commandGateway, QueryGateway queryGateway,
                                   @Value("${tremplin.consortium-agreement.required-before:none}") String requiredBefore) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.requiredBefore = parse(requiredBefore);
    }

    /** The rule's value as configured: {@code labelling}, {@code first-convention} or {@code none}. */
    static AgreementRequiredBefore parse(String value) {
        String text = value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        try {
            return text.isEmpty() ? AgreementRequiredBefore.NONE : AgreementRequiredBefore.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tremplin.consortium-agreement.required-before: labelling, first-convention "
                    + "or none, not '" + value + "'");
        }
    }

    public AgreementRequiredBefore requiredBefore() {
        return requiredBefore;
    }

    /** Changes the rule while the application runs (an operator's switch; the tests use it on the shared context). */
    public void requireBefore(AgreementRequiredBefore value) {
        this.requiredBefore = value == null ? AgreementRequiredBefore.NONE : value;
    }

    @CommandHandler
    public void handle(RequireSignedConsortiumAgreementCommand command) {
        AgreementRequiredBefore step = command.step();
        if (step == null || step == AgreementRequiredBefore.NONE || step != requiredBefore) {
            return;
        }
        ProjectView project = queryGateway.query(new FindProjectQuery(command.projectId()),
                        ResponseTypes.optionalInstanceOf(ProjectView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No project " + command.projectId()));
        if (step == AgreementRequiredBefore.FIRST_CONVENTION && (project.status() == ProjectStatus.IN_RESEARCH
                || project.status() == ProjectStatus.CLOSED)) {
            return; // a later convention: the rule is about the first one
        }
        List<ProjectView.PartnerView> consortium = project.partners().stream()
                .filter(p -> p.status() == PartnerStatus.LEAD || p.status() == PartnerStatus.JOINED).toList();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        consortium.forEach(p -> names.put(p.organisationId(), p.name()));
        commandGateway.sendAndWait(new CheckConsortiumAgreementSignedCommand(
                SetConsortiumAgreementTermsCommand.idOf(project.id()), project.id(),
                consortium.stream().map(ProjectView.PartnerView::organisationId).toList(), names,
                step == AgreementRequiredBefore.LABELLING ? "labelling" : "the first funding convention"));
    }
}
