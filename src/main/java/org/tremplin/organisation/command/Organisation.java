package org.tremplin.organisation.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.organisation.api.AddOrganisationMemberCommand;
import org.tremplin.organisation.api.AssignSmeReferentCommand;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.organisation.api.SmeReferentAssignedEvent;
import org.tremplin.organisation.api.ImportOrganisationCommand;
import org.tremplin.organisation.api.OrganisationImportedEvent;
import org.tremplin.organisation.api.NationalIdScheme;
import org.tremplin.organisation.api.OrganisationMemberAddedEvent;
import org.tremplin.organisation.api.OrganisationRegisteredEvent;
import org.tremplin.organisation.api.RegisterOrganisationCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A member organisation of the cluster, one per national id. */
@Aggregate
public class Organisation {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    @AggregateIdentifier
    private String organisationId;
    private boolean registered;
    private String name;
    private OrganisationKind kind;
    private String referent;
    private final Set<String> members = new HashSet<>();

    protected Organisation() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterOrganisationCommand command) {
        if (registered) {
            throw DomainException.conflict("An organisation with " + command.nationalIdScheme() + " " + command.nationalId()
                    + " is already registered (" + name + ")");
        }
        String orgName = Require.text(command.name(), "name", 200);
        NationalIdScheme scheme = Require.present(command.nationalIdScheme(), "nationalIdScheme");
        String nationalId = Require.text(command.nationalId(), "nationalId", 64);
        String problem = scheme.problemWith(nationalId);
        if (problem != null) {
            throw DomainException.invalid("nationalId: " + problem);
        }
        if (!scheme.organisationId(nationalId).equals(command.organisationId())) {
            throw DomainException.invalid("organisationId must be derived from the national id: " + scheme.organisationId(nationalId));
        }
        Require.present(command.kind(), "kind");
        if (command.headcount() < 0 || command.headcount() > 2_000_000) {
            throw DomainException.invalid("headcount must be between 0 and 2,000,000 (got " + command.headcount() + ")");
        }
        String region = Require.text(command.region(), "region", 100);
        Set<String> competences = new LinkedHashSet<>();
        for (String competence : command.competences() == null ? List.<String>of() : command.competences()) {
            competences.add(Require.text(competence == null ? null : competence.toLowerCase(Locale.ROOT),
                    "each competence", 80));
        }
        if (competences.size() > 50) {
            throw DomainException.invalid("at most 50 competences may be declared (got " + competences.size() + ")");
        }
        apply(new OrganisationRegisteredEvent(command.organisationId(), orgName, scheme, nationalId, command.kind(),
                command.headcount(), region, List.copyOf(competences)));
    }

    /** Imports an organisation once: {@code false} (and nothing stored) when the id is already taken. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ImportOrganisationCommand command) {
        if (registered) {
            return false;
        }
        String orgName = Require.text(command.name(), "name", 200);
        String code = Require.text(command.sourcePartnerCode(), "sourcePartnerCode", 64);
        String problem = NationalIdScheme.OTHER.problemWith(code);
        if (problem != null) {
            throw DomainException.invalid("sourcePartnerCode: " + problem);
        }
        if (!NationalIdScheme.OTHER.organisationId(code).equals(command.organisationId())) {
            throw DomainException.invalid("organisationId must be derived from the partner code: "
                    + NationalIdScheme.OTHER.organisationId(code));
        }
        Require.present(command.kind(), "kind");
        Require.text(command.importRunId(), "importRunId", 64);
        Require.text(command.sourceFile(), "sourceFile", 200);
        if (command.sourceRow() < 1) {
            throw DomainException.invalid("sourceRow must be 1 or more (got " + command.sourceRow() + ")");
        }
        apply(new OrganisationImportedEvent(command.organisationId(), orgName, NationalIdScheme.OTHER, code, command.kind(),
                optional(command.sourceCategory(), "sourceCategory"), optional(command.town(), "town"),
                optional(command.region(), "region"), optional(command.country(), "country"), command.importRunId(),
                command.sourceFile(), command.sourceRow()));
        return true;
    }

    private static String optional(String value, String field) {
        return value == null || value.isBlank() ? null : Require.text(value, field, 200);
    }

    @CommandHandler
    public void handle(AddOrganisationMemberCommand command) {
        String userId = Require.text(command.userId(), "userId", 64);
        if (!USER_ID.matcher(userId).matches()) {
            throw DomainException.invalid("userId may contain only letters, digits, '.', '_', '@' and '-'");
        }
        if (members.contains(userId)) {
            throw DomainException.conflict("User " + userId + " already acts for " + name);
        }
        apply(new OrganisationMemberAddedEvent(organisationId, userId));
    }

    /** Names (or changes) an SME's referent among pole staff; refused for a non-SME, or a user outside pole staff. */
    @CommandHandler
    public void handle(AssignSmeReferentCommand command) {
        String userId = Require.text(command.referentUserId(), "referentUserId", 64);
        if (kind != OrganisationKind.SME) {
            throw DomainException.invalid(name + " is not an SME (" + kind + "); only SMEs get a referent");
        }
        if (!command.referentIsPoleStaff()) {
            throw DomainException.invalid("referentUserId: " + userId + " is not in pole staff; name a pole-staff user");
        }
        if (userId.equals(referent)) {
            throw DomainException.conflict(userId + " is already the referent of " + name);
        }
        apply(new SmeReferentAssignedEvent(organisationId, userId, referent));
    }

    @EventSourcingHandler
    void on(SmeReferentAssignedEvent event) {
        this.referent = event.referentUserId();
    }

    @EventSourcingHandler
    void on(OrganisationRegisteredEvent event) {
        this.organisationId = event.organisationId();
        this.registered = true;
        this.name = event.name();
        this.kind = event.kind();
    }

    @EventSourcingHandler
    void on(OrganisationImportedEvent event) {
        this.organisationId = event.organisationId();
        this.registered = true;
        this.name = event.name();
        this.kind = event.kind();
    }

    @EventSourcingHandler
    void on(OrganisationMemberAddedEvent event) {
        members.add(event.userId());
    }
}
