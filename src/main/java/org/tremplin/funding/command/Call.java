package org.tremplin.funding.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.funding.api.CallClosedEarlyEvent;
import org.tremplin.funding.api.CallClosingDateExtendedEvent;
import org.tremplin.funding.api.CallOpenedEvent;
import org.tremplin.funding.api.CheckCallEligibilityCommand;
import org.tremplin.funding.api.CloseCallEarlyCommand;
import org.tremplin.funding.api.ExtendCallClosingDateCommand;
import org.tremplin.funding.api.OpenCallCommand;
import org.tremplin.funding.api.RegisterFunderCommand;
import org.tremplin.organisation.api.OrganisationKind;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.InputRules;
import org.tremplin.shared.Require;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A funder's call for projects (appel à projets): its submission window and its eligibility criteria.
 * It decides whether an application may be filed against it ({@link CheckCallEligibilityCommand}).
 */
@Aggregate
public class Call {

    static final ZoneId PARIS = org.tremplin.shared.ParisTime.ZONE;
    static final Pattern CODE = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");
    static final int MAX_CODE_LENGTH = 40;

    @AggregateIdentifier
    private String callId;
    private boolean opened;
    private String code;
    private String funderId;
    private LocalDate openingDate;
    private LocalDate closingDate;
    private LocalDate closedEarlyOn;
    private String closedEarlyReason;
    private Set<OrganisationKind> eligiblePartnerKinds = Set.of();
    private boolean labelRequired;
    private BigDecimal maxProjectSize;

    protected Call() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenCallCommand command, Clock clock) {
        if (opened) {
            throw DomainException.conflict("A call with code " + command.code() + " already exists (funder " + funderId + ")");
        }
        String callCode = Require.text(command.code(), "code", MAX_CODE_LENGTH);
        if (!CODE.matcher(callCode).matches()) {
            throw DomainException.invalid("code must be capital letters and digits in groups separated by single dashes, "
                    + "e.g. FUI-21 (got " + callCode + ")");
        }
        if (!OpenCallCommand.callId(callCode).equals(command.callId())) {
            throw DomainException.invalid("callId must be derived from the code: " + OpenCallCommand.callId(callCode));
        }
        String funder = Require.text(command.funderId(), "funderId", 40);
        if (!funder.startsWith(RegisterFunderCommand.ID_PREFIX)) {
            throw DomainException.invalid("funderId must be a funder's id, e.g. " + RegisterFunderCommand.funderId("FUI")
                    + " (got " + funder + ")");
        }
        String title = Require.text(command.title(), "title", 200);
        if (title.length() < 3) {
            throw DomainException.invalid("title must be at least 3 characters");
        }
        LocalDate opening = Require.present(command.openingDate(), "openingDate");
        LocalDate closing = Require.present(command.closingDate(), "closingDate");
        if (!closing.isAfter(opening)) {
            throw DomainException.ruleViolated("The closing date (" + closing + ") must be after the opening date ("
                    + opening + ")");
        }
        LocalDate today = today(clock);
        InputRules.checkedYearsAhead(closing, today, "closingDate", "a call closes", "from today");
        if (closing.isBefore(today)) {
            throw DomainException.ruleViolated("The closing date " + closing + " is already past (today is " + today
                    + " in Paris); a call is published before it closes");
        }
        Set<OrganisationKind> kinds = Require.notEmpty(command.eligiblePartnerKinds(), "eligiblePartnerKinds");
        if (kinds.stream().anyMatch(Objects::isNull)) {
            throw DomainException.invalid("eligiblePartnerKinds must not contain an empty kind");
        }
        BigDecimal maxSize = command.maxProjectSize() == null ? null
                : Require.euros(command.maxProjectSize(), "maxProjectSize");
        if (maxSize != null && maxSize.signum() == 0) {
            throw DomainException.invalid("maxProjectSize must be more than 0 euros, or left out for no maximum");
        }
        apply(new CallOpenedEvent(command.callId(), funder, callCode, title, opening, closing,
                Collections.unmodifiableSet(EnumSet.copyOf(kinds)), command.labelRequired(), maxSize));
    }

    @CommandHandler
    public void handle(ExtendCallClosingDateCommand command, Clock clock) {
        LocalDate today = today(clock);
        requireNotClosed(today, "extended; open a new call");
        LocalDate closing = Require.present(command.closingDate(), "closingDate");
        InputRules.checkedYearsAhead(closing, today, "closingDate", "a call closes", "from today");
        String reason = Require.text(command.reason(), "reason", 1000);
        if (!closing.isAfter(closingDate)) {
            throw DomainException.ruleViolated("An extension moves the closing date later than " + closingDate
                    + " (got " + closing + ")");
        }
        apply(new CallClosingDateExtendedEvent(callId, closingDate, closing, reason));
    }

    @CommandHandler
    public void handle(CloseCallEarlyCommand command, Clock clock) {
        LocalDate today = today(clock);
        requireNotClosed(today, "closed again");
        String reason = Require.text(command.reason(), "reason", 1000);
        apply(new CallClosedEarlyEvent(callId, today, reason));
    }

    /** Applies no event: returns when the application is eligible, else says every criterion it fails. */
    @CommandHandler
    public void handle(CheckCallEligibilityCommand command) {
        LocalDate submittedOn = Require.present(command.submittedOn(), "submittedOn");
        Set<OrganisationKind> kinds = Require.notEmpty(command.partnerKinds(), "partnerKinds");
        if (kinds.stream().anyMatch(Objects::isNull)) {
            throw DomainException.invalid("partnerKinds must not contain an empty kind");
        }
        BigDecimal cost = command.totalEligibleCost() == null ? null
                : Require.euros(command.totalEligibleCost(), "totalEligibleCost");
        if (cost == null && maxProjectSize != null) {
            throw DomainException.invalid("totalEligibleCost is required: call " + code + " accepts projects of at most "
                    + maxProjectSize.toPlainString() + " euros");
        }
        List<String> problems = CallEligibility.problems(openingDate, closingDate, closedEarlyOn, closedEarlyReason,
                eligiblePartnerKinds, labelRequired, maxProjectSize, submittedOn, kinds, command.labelled(), cost);
        if (!problems.isEmpty()) {
            throw DomainException.ruleViolated("Call " + code + " does not accept this application: "
                    + String.join("; ", problems));
        }
    }

    private void requireNotClosed(LocalDate today, String action) {
        if (closedEarlyOn != null) {
            throw DomainException.conflict("Call " + code + " was closed early on " + closedEarlyOn + "; it cannot be " + action);
        }
        if (closingDate.isBefore(today)) {
            throw DomainException.conflict("Call " + code + " closed on " + closingDate + "; it cannot be " + action);
        }
    }

    private static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(PARIS));
    }

    @EventSourcingHandler
    void on(CallOpenedEvent event) {
        callId = event.callId();
        opened = true;
        code = event.code();
        funderId = event.funderId();
        openingDate = event.openingDate();
        closingDate = event.closingDate();
        eligiblePartnerKinds = Set.copyOf(event.eligiblePartnerKinds());
        labelRequired = event.labelRequired();
        maxProjectSize = event.maxProjectSize();
    }

    @EventSourcingHandler
    void on(CallClosingDateExtendedEvent event) {
        closingDate = event.closingDate();
    }

    @EventSourcingHandler
    void on(CallClosedEarlyEvent event) {
        closedEarlyOn = event.closedOn();
        closedEarlyReason = event.reason();
    }
}
