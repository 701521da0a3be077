package org.tremplin.project.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.project.api.BackgroundAccess;
import org.tremplin.project.api.CheckConsortiumAgreementSignedCommand;
import org.tremplin.project.api.ConsortiumAgreementDraftedEvent;
import org.tremplin.project.api.ConsortiumAgreementFullySignedEvent;
import org.tremplin.project.api.ConsortiumAgreementSignedEvent;
import org.tremplin.project.api.ConsortiumAgreementTermsChangedEvent;
import org.tremplin.project.api.ExploitationRight;
import org.tremplin.project.api.PartnerAgreementTerms;
import org.tremplin.project.api.SetConsortiumAgreementTermsCommand;
import org.tremplin.project.api.SignConsortiumAgreementCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project's consortium agreement with its IP split (issue 13). Drafted from a model version, it states per
 * consortium member its share of the results' ownership (the shares sum to 100 %), its exploitation rights, the
 * access it grants to its background IP and its confidentiality period. Each member signs the current version; any
 * change of terms is a new version whose signing starts again. Signed by every member, it is in force.
 */
@Aggregate
public class ConsortiumAgreement {

    static final int ALL_SHARES = 10_000;
    static final int MAX_PARTNERS = 50;
    static final int MAX_RIGHTS_PER_PARTNER = 20;
    static final int MAX_CONFIDENTIALITY_YEARS = 30;

    @AggregateIdentifier
    private String agreementId;
    private String projectId;
    private int version;
    private List<String> partners = List.of();
    /** Organisation → version it signed; only signatures of the current version are kept. */
    private final Map<String, Integer> signatures = new LinkedHashMap<>();
    private boolean fullySigned;

    protected ConsortiumAgreement() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetConsortiumAgreementTermsCommand command) {
        String project = Require.text(command.projectId(), "projectId", 64);
        if (!SetConsortiumAgreementTermsCommand.idOf(project).equals(command.agreementId())) {
            throw DomainException.invalid("agreementId must be " + SetConsortiumAgreementTermsCommand.idOf(project));
        }
        String model = Require.text(command.modelId(), "modelId", 64);
        if (command.modelVersion() < 1) {
            throw DomainException.invalid("modelVersion: a published version of model " + model + " (1 or more)");
        }
        String by = Require.text(command.changedBy(), "changedBy", 64);
        List<PartnerAgreementTerms> terms = checkedTerms(command.partners(), members(command.members()));
        if (version == 0) {
            apply(new ConsortiumAgreementDraftedEvent(command.agreementId(), project, model, command.modelVersion(), 1,
                    terms, by));
        } else {
            apply(new ConsortiumAgreementTermsChangedEvent(agreementId, projectId, model, command.modelVersion(),
                    version + 1, terms, by, List.copyOf(signatures.keySet())));
        }
    }

    @CommandHandler
    public void handle(SignConsortiumAgreementCommand command) {
        String organisation = Require.text(command.organisationId(), "organisationId", 80);
        String signatory = Require.text(command.signatoryUserId(), "signatoryUserId", 64);
        Set<String> members = members(command.members());
        if (!members.contains(organisation)) {
            throw DomainException.invalid("organisationId: " + organisation + " is not a member of the consortium of "
                    + projectId + "; only its members sign the consortium agreement");
        }
        if (command.agreementVersion() != version) {
            throw DomainException.conflict(command.agreementVersion() < version && command.agreementVersion() > 0
                    ? "Version " + command.agreementVersion() + " of the consortium agreement of " + projectId
                    + " was replaced by version " + version + "; read version " + version + " and sign it"
                    : "The consortium agreement of " + projectId + " has no version " + command.agreementVersion()
                    + "; its current version is " + version);
        }
        if (signatures.containsKey(organisation)) {
            throw DomainException.conflict(organisation + " already signed version " + version
                    + " of the consortium agreement of " + projectId);
        }
        List<String> absent = members.stream().filter(member -> !partners.contains(member)).toList();
        if (!absent.isEmpty()) {
            throw DomainException.ruleViolated("The consortium agreement of " + projectId + " does not state the terms of "
                    + String.join(", ", absent) + "; every consortium member must appear in it before anyone signs");
        }
        apply(new ConsortiumAgreementSignedEvent(agreementId, projectId, organisation, version, signatory));
        if (signatures.keySet().containsAll(partners)) {
            apply(new ConsortiumAgreementFullySignedEvent(agreementId, projectId, version, List.copyOf(partners)));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CheckConsortiumAgreementSignedCommand command) {
        Set<String> members = members(command.members());
        String step = command.step() == null ? "this step" : command.step();
        if (version == 0) {
            throw DomainException.conflict("The pole requires a consortium agreement signed by every member before "
                    + step + "; " + command.projectId() + " has none yet: signatures missing from "
                    + named(members, command.names()));
        }
        List<String> missing = new ArrayList<>();
        for (String member : members) {
            if (!signatures.containsKey(member)) {
                missing.add(member);
            }
        }
        for (String partner : partners) {
            if (!signatures.containsKey(partner) && !missing.contains(partner)) {
                missing.add(partner);
            }
        }
        if (!missing.isEmpty()) {
            throw DomainException.conflict("The pole requires the consortium agreement signed by every member before "
                    + step + "; version " + version + " of " + projectId + " lacks the signatures of "
                    + named(missing, command.names()));
        }
    }

    private static String named(java.util.Collection<String> organisations, Map<String, String> names) {
        return String.join(", ", organisations.stream().map(id -> names != null && names.get(id) != null
                ? names.get(id) + " (" + id + ")" : id).toList());
    }

    private static Set<String> members(List<String> members) {
        Set<String> set = new LinkedHashSet<>();
        for (String member : Require.notEmpty(members, "members")) {
            set.add(Require.text(member, "members", 80));
        }
        return set;
    }

    /** The terms checked: members only, each once, shares summing to 100 %, no clash between exclusive rights. */
    private static List<PartnerAgreementTerms> checkedTerms(List<PartnerAgreementTerms> given, Set<String> members) {
        Require.notEmpty(given, "partners");
        if (given.size() > MAX_PARTNERS) {
            throw DomainException.invalid("partners: at most " + MAX_PARTNERS + " (got " + given.size() + ")");
        }
        List<PartnerAgreementTerms> terms = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int total = 0;
        /* field|territory (case-insensitive) → who holds a right there, and whether exclusively */
        Map<String, List<String>> holders = new HashMap<>();
        Map<String, String> exclusiveHolder = new HashMap<>();
        for (PartnerAgreementTerms partner : given) {
            Require.present(partner, "partners[]");
            String organisation = Require.text(partner.organisationId(), "partners[].organisationId", 80);
            if (!members.contains(organisation)) {
                throw DomainException.invalid("partners: " + organisation + " is not a member of the consortium ("
                        + String.join(", ", members) + "); only consortium members appear in the agreement");
            }
            if (!seen.add(organisation)) {
                throw DomainException.invalid("partners: " + organisation + " appears twice; state its terms once");
            }
            int share = partner.ownershipShareBasisPoints();
            if (share < 0 || share > ALL_SHARES) {
                throw DomainException.invalid("partners[" + organisation + "].ownershipShareBasisPoints: between 0 and "
                        + ALL_SHARES + " (100 %), not " + share);
            }
            total += share;
            BackgroundAccess access = Require.present(partner.backgroundAccess(),
                    "partners[" + organisation + "].backgroundAccess");
            int years = partner.confidentialityYears();
            if (years < 0 || years > MAX_CONFIDENTIALITY_YEARS) {
                throw DomainException.invalid("partners[" + organisation + "].confidentialityYears: between 0 and "
                        + MAX_CONFIDENTIALITY_YEARS + " years, not " + years);
            }
            List<ExploitationRight> rights = new ArrayList<>();
            List<ExploitationRight> givenRights = partner.exploitationRights() == null ? List.of()
                    : partner.exploitationRights();
            if (givenRights.size() > MAX_RIGHTS_PER_PARTNER) {
                throw DomainException.invalid("partners[" + organisation + "].exploitationRights: at most "
                        + MAX_RIGHTS_PER_PARTNER);
            }
            for (ExploitationRight right : givenRights) {
                Require.present(right, "partners[" + organisation + "].exploitationRights[]");
                String field = Require.text(right.fieldOfUse(), "exploitationRights[].fieldOfUse", 200);
                String territory = Require.text(right.territory(), "exploitationRights[].territory", 200);
                String key = field.toLowerCase(Locale.ROOT) + "|" + territory.toLowerCase(Locale.ROOT);
                String exclusive = exclusiveHolder.get(key);
                if (exclusive != null && !exclusive.equals(organisation)) {
                    throw DomainException.invalid("exploitationRights: " + exclusive + " exploits '" + field + "' in '"
                            + territory + "' exclusively; " + organisation + " cannot also hold "
                            + (right.exclusive() ? "an exclusive" : "a") + " right there");
                }
                if (right.exclusive()) {
                    for (String holder : holders.getOrDefault(key, List.of())) {
                        if (!holder.equals(organisation)) {
                            throw DomainException.invalid("exploitationRights: " + organisation + " cannot exploit '"
                                    + field + "' in '" + territory + "' exclusively: " + holder
                                    + " already holds a right there");
                        }
                    }
                    exclusiveHolder.put(key, organisation);
                }
                holders.computeIfAbsent(key, k -> new ArrayList<>()).add(organisation);
                rights.add(new ExploitationRight(field, territory, right.exclusive()));
            }
            terms.add(new PartnerAgreementTerms(organisation, share, List.copyOf(rights), access, years));
        }
        if (total != ALL_SHARES) {
            throw DomainException.invalid("partners: the shares of the results' ownership sum to "
                    + percent(total) + ", not 100 %; adjust them so that they sum to 10000 basis points");
        }
        return List.copyOf(terms);
    }

    private static String percent(int basisPoints) {
        return java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + " %";
    }

    @EventSourcingHandler
    void on(ConsortiumAgreementDraftedEvent event) {
        this.agreementId = event.agreementId();
        this.projectId = event.projectId();
        this.version = event.agreementVersion();
        this.partners = event.partners().stream().map(PartnerAgreementTerms::organisationId).toList();
    }

    @EventSourcingHandler
    void on(ConsortiumAgreementTermsChangedEvent event) {
        this.version = event.agreementVersion();
        this.partners = event.partners().stream().map(PartnerAgreementTerms::organisationId).toList();
        this.signatures.clear();
        this.fullySigned = false;
    }

    @EventSourcingHandler
    void on(ConsortiumAgreementSignedEvent event) {
        this.signatures.put(event.organisationId(), event.agreementVersion());
    }

    @EventSourcingHandler
    void on(ConsortiumAgreementFullySignedEvent event) {
        this.fullySigned = true;
    }
}
