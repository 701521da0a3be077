package org.tremplin.project.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.project.api.ModelAgreementPublishedEvent;
import org.tremplin.project.api.PublishModelAgreementCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A model consortium agreement the pole keeps (issue 13), published in numbered versions: version 1 creates it, each
 * later version is the next number. A published version never changes; projects' agreements name the version they
 * start from.
 */
@Aggregate
public class ModelAgreement {

    /** Longest confidentiality period a model proposes by default, in years. */
    static final int MAX_CONFIDENTIALITY_YEARS = 30;

    @AggregateIdentifier
    private String modelId;
    private int lastVersion;

    protected ModelAgreement() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishModelAgreementCommand command) {
        String id = Require.text(command.modelId(), "modelId", 64);
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw DomainException.invalid("modelId: letters, digits, '-' and '_' only, e.g. standard-2027");
        }
        if (command.version() != lastVersion + 1) {
            throw lastVersion == 0
                    ? DomainException.invalid("version: the first version of model " + id + " is 1, not "
                    + command.version())
                    : DomainException.conflict("Model " + id + " is at version " + lastVersion + "; publish version "
                    + (lastVersion + 1) + ", not " + command.version());
        }
        if (command.defaultConfidentialityYears() < 0 || command.defaultConfidentialityYears() > MAX_CONFIDENTIALITY_YEARS) {
            throw DomainException.invalid("defaultConfidentialityYears: between 0 and " + MAX_CONFIDENTIALITY_YEARS
                    + " years, not " + command.defaultConfidentialityYears());
        }
        apply(new ModelAgreementPublishedEvent(id, command.version(), Require.text(command.title(), "title", 200),
                Require.text(command.clauses(), "clauses", 20000), command.defaultConfidentialityYears(),
                Require.text(command.publishedBy(), "publishedBy", 64)));
    }

    @EventSourcingHandler
    void on(ModelAgreementPublishedEvent event) {
        this.modelId = event.modelId();
        this.lastVersion = event.version();
    }
}
