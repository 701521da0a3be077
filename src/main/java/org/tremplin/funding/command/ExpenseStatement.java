package org.tremplin.funding.command;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * An expense statement of one convention, as its {@link FundingApplication} keeps it (statement ids are unique within
 * the application); {@code paid} once an instalment was paid against it.
 */
record ExpenseStatement(String statementId, String conventionId, BigDecimal amount, boolean finalStatement,
                        Status status, boolean paid) {

    /** Where an expense statement stands. */
    enum Status {
        SUBMITTED, APPROVED, REJECTED;

        String describe() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    ExpenseStatement with(Status newStatus, boolean nowPaid) {
        return new ExpenseStatement(statementId, conventionId, amount, finalStatement, newStatus, nowPaid);
    }
}
