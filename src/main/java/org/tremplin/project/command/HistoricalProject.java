package org.tremplin.project.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.project.api.HistoricalPartner;
import org.tremplin.project.api.HistoricalProjectImportedEvent;
import org.tremplin.project.api.ImportHistoricalProjectCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project that ran before Tremplin, imported as history (its own aggregate, apart from {@link Project}: it has no
 * lifecycle, takes no step and starts no process). Recorded once per decision code: importing it again stores nothing.
 */
@Aggregate
public class HistoricalProject {

    /** An ANR decision code, e.g. ANR-10-IEED-0008 (some add a two-digit suffix: ANR-10-CAMP-0001-01). */
    static final Pattern DECISION_CODE = Pattern.compile("ANR-\\d{2}-[A-Z0-9]{2,6}-\\d{4}(-\\d{2})?");
    static final int MAX_PARTNERS = 500;

    @AggregateIdentifier
    private String projectId;
    private boolean imported;

    protected HistoricalProject() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ImportHistoricalProjectCommand command) {
        if (imported) {
            return false;
        }
        String id = Require.text(command.projectId(), "projectId", 64);
        if (!DECISION_CODE.matcher(id).matches()) {
            throw DomainException.invalid("projectId must be an ANR decision code like ANR-10-IEED-0008 (got " + id + ")");
        }
        String acronym = Require.text(command.acronym(), "acronym", 200);
        String title = Require.text(command.title(), "title", 1000);
        String summary = command.summary() == null || command.summary().isBlank() ? null
                : Require.text(command.summary(), "summary", 10_000);
        String funder = Require.text(command.funder(), "funder", 200);
        String programme = Require.text(command.programme(), "programme", 100);
        if (command.edition() < 2000 || command.edition() > 2100) {
            throw DomainException.invalid("edition must be a year between 2000 and 2100 (got " + command.edition() + ")");
        }
        var aid = Require.euros(command.allocatedAid(), "allocatedAid");
        List<HistoricalPartner> partners = command.partners() == null ? List.of() : List.copyOf(command.partners());
        if (partners.size() > MAX_PARTNERS) {
            throw DomainException.invalid("at most " + MAX_PARTNERS + " partners (got " + partners.size() + ")");
        }
        Set<String> codes = new HashSet<>();
        String coordinator = null;
        int coordinators = 0;
        for (HistoricalPartner partner : partners) {
            String code = Require.text(partner.partnerCode(), "partnerCode", 64);
            if (!codes.add(code)) {
                throw DomainException.invalid("partner code " + code + " appears twice");
            }
            Require.present(partner.kind(), "kind of partner " + code);
            if (partner.coordinator()) {
                coordinators++;
                coordinator = partner.organisationId();
            }
        }
        if (coordinators > 1) {
            throw DomainException.invalid("project " + id + " has " + coordinators + " coordinators; at most one is expected");
        }
        String run = Require.text(command.importRunId(), "importRunId", 64);
        String file = Require.text(command.sourceFile(), "sourceFile", 200);
        if (command.sourceRow() < 1) {
            throw DomainException.invalid("sourceRow must be 1 or more (got " + command.sourceRow() + ")");
        }
        apply(new HistoricalProjectImportedEvent(id, acronym, title, summary, funder, programme, command.edition(),
                command.startDate(), aid, coordinator, partners, run, file, command.sourceRow(), command.partnersFile()));
        return true;
    }

    @EventSourcingHandler
    void on(HistoricalProjectImportedEvent event) {
        this.projectId = event.projectId();
        this.imported = true;
    }
}
