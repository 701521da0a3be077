package org.tremplin.funding.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.funding.api.AddFunderUserCommand;
import org.tremplin.funding.api.ChangePooledFundContributorsCommand;
import org.tremplin.funding.api.ChangeServiceLevelsCommand;
import org.tremplin.funding.api.FunderKind;
import org.tremplin.funding.api.FunderRegisteredEvent;
import org.tremplin.funding.api.FunderUserAddedEvent;
import org.tremplin.funding.api.FundingStage;
import org.tremplin.funding.api.PooledFundContributor;
import org.tremplin.funding.api.PooledFundContributorsChangedEvent;
import org.tremplin.funding.api.RegisterFunderCommand;
import org.tremplin.funding.api.ServiceLevelsChangedEvent;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A funder of the funding stage (FUI, ANR, Bpifrance, a region, a pooled regional fund, ...), one per code,
 * with the service levels its delays are measured against and, for a pooled fund, its contributors.
 */
@Aggregate
public class Funder {

    static final Pattern CODE = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");
    static final int MAX_CODE_LENGTH = 30;
    static final int MAX_CONTRACTING_DEADLINE_MONTHS = 60;
    static final int MAX_SERVICE_LEVEL_DAYS = 3650;
    static final int MIN_CONTRIBUTORS = 2;
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    @AggregateIdentifier
    private String funderId;
    private boolean registered;
    private String name;
    private FunderKind kind;
    private int contractingDeadlineMonths;
    private Map<FundingStage, Integer> serviceLevelDays = Map.of();
    private List<PooledFundContributor> contributors = List.of();
    private final Set<String> users = new HashSet<>();

    protected Funder() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterFunderCommand command) {
        if (registered) {
            throw DomainException.conflict("A funder with code " + command.code() + " is already registered (" + name + ")");
        }
        String code = Require.text(command.code(), "code", MAX_CODE_LENGTH);
        if (!CODE.matcher(code).matches()) {
            throw DomainException.invalid("code must be capital letters and digits in groups separated by single dashes, "
                    + "e.g. FUI, BPI or REGION-ARA (got " + code + ")");
        }
        if (!RegisterFunderCommand.funderId(code).equals(command.funderId())) {
            throw DomainException.invalid("funderId must be derived from the code: " + RegisterFunderCommand.funderId(code));
        }
        String funderName = Require.text(command.name(), "name", 200);
        FunderKind funderKind = Require.present(command.kind(), "kind");
        int months = contractingDeadline(command.contractingDeadlineMonths() == null
                ? RegisterFunderCommand.DEFAULT_CONTRACTING_DEADLINE_MONTHS : command.contractingDeadlineMonths());
        Map<FundingStage, Integer> levels = serviceLevels(command.serviceLevelDays());
        List<PooledFundContributor> declared = contributors(command.funderId(), funderKind, command.contributors());
        apply(new FunderRegisteredEvent(command.funderId(), code, funderName, funderKind, months, levels, declared));
    }

    @CommandHandler
    public void handle(ChangeServiceLevelsCommand command) {
        int months = command.contractingDeadlineMonths() == null
                ? contractingDeadlineMonths : contractingDeadline(command.contractingDeadlineMonths());
        Map<FundingStage, Integer> levels = serviceLevels(command.serviceLevelDays());
        if (months == contractingDeadlineMonths && levels.equals(serviceLevelDays)) {
            return; // nothing changes: nothing to record
        }
        apply(new ServiceLevelsChangedEvent(funderId, months, levels));
    }

    @CommandHandler
    public void handle(ChangePooledFundContributorsCommand command) {
        if (kind != FunderKind.POOLED_FUND) {
            throw DomainException.ruleViolated(name + " is a " + kind + " funder; only a pooled fund has contributors");
        }
        List<PooledFundContributor> declared = contributors(funderId, kind, command.contributors());
        if (declared.equals(contributors)) {
            return; // nothing changes: nothing to record
        }
        apply(new PooledFundContributorsChangedEvent(funderId, declared));
    }

    @CommandHandler
    public void handle(AddFunderUserCommand command) {
        String userId = Require.text(command.userId(), "userId", 64);
        if (!USER_ID.matcher(userId).matches()) {
            throw DomainException.invalid("userId may contain only letters, digits, '.', '_', '@' and '-'");
        }
        if (users.contains(userId)) {
            throw DomainException.conflict("User " + userId + " already acts for " + name);
        }
        apply(new FunderUserAddedEvent(funderId, userId));
    }

    private static int contractingDeadline(int months) {
        if (months < 1 || months > MAX_CONTRACTING_DEADLINE_MONTHS) {
            throw DomainException.invalid("contractingDeadlineMonths must be between 1 and " + MAX_CONTRACTING_DEADLINE_MONTHS
                    + " (got " + months + ")");
        }
        return months;
    }

    /** Every stage with its number of days, in stage order. */
    private static Map<FundingStage, Integer> serviceLevels(Map<FundingStage, Integer> declared) {
        if (declared == null || declared.isEmpty()) {
            throw DomainException.invalid("serviceLevelDays must give a number of days for every stage: "
                    + Arrays.toString(FundingStage.values()));
        }
        Map<FundingStage, Integer> levels = new EnumMap<>(FundingStage.class);
        for (Map.Entry<FundingStage, Integer> entry : declared.entrySet()) {
            FundingStage stage = Require.present(entry.getKey(), "each serviceLevelDays stage");
            int days = Require.present(entry.getValue(), "serviceLevelDays of " + stage);
            if (days < 1 || days > MAX_SERVICE_LEVEL_DAYS) {
                throw DomainException.invalid("serviceLevelDays of " + stage + " must be between 1 and "
                        + MAX_SERVICE_LEVEL_DAYS + " days (got " + days + ")");
            }
            levels.put(stage, days);
        }
        List<FundingStage> missing = Arrays.stream(FundingStage.values()).filter(s -> !levels.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw DomainException.invalid("serviceLevelDays must give a number of days for every stage; missing: "
                    + missing.stream().map(Enum::name).reduce((a, b) -> a + ", " + b).orElseThrow());
        }
        return Collections.unmodifiableMap(levels);
    }

    /** A pooled fund's contributors, trimmed, each once, with shares of two decimals summing to 100; none for others. */
    private static List<PooledFundContributor> contributors(String funderId, FunderKind kind,
                                                            List<PooledFundContributor> declared) {
        List<PooledFundContributor> given = declared == null ? List.of() : declared;
        if (kind != FunderKind.POOLED_FUND) {
            if (!given.isEmpty()) {
                throw DomainException.ruleViolated("Only a pooled fund declares contributors; a " + kind
                        + " funder must declare none (got " + given.size() + ")");
            }
            return List.of();
        }
        if (given.size() < MIN_CONTRIBUTORS) {
            throw DomainException.ruleViolated("A pooled fund pools the money of at least " + MIN_CONTRIBUTORS
                    + " contributors (got " + given.size() + ")");
        }
        return PooledFundShares.check(given, funderId);
    }

    @EventSourcingHandler
    void on(FunderRegisteredEvent event) {
        funderId = event.funderId();
        registered = true;
        name = event.name();
        kind = event.kind();
        contractingDeadlineMonths = event.contractingDeadlineMonths();
        serviceLevelDays = Map.copyOf(event.serviceLevelDays());
        contributors = List.copyOf(event.contributors());
    }

    @EventSourcingHandler
    void on(ServiceLevelsChangedEvent event) {
        contractingDeadlineMonths = event.contractingDeadlineMonths();
        serviceLevelDays = Map.copyOf(event.serviceLevelDays());
    }

    @EventSourcingHandler
    void on(PooledFundContributorsChangedEvent event) {
        contributors = List.copyOf(event.contributors());
    }

    @EventSourcingHandler
    void on(FunderUserAddedEvent event) {
        users.add(event.userId());
    }
}
