package org.tremplin.funding.process;

/** Constants of {@code bpmn/funding-convention.bpmn}: code never spells a BPMN id twice. */
public final class FundingConventionProcess {

    public static final String KEY = "funding-convention";
    public static final String RESOURCE = "bpmn/funding-convention.bpmn";

    public static final class Elements {
        public static final String START_CONVENTION_GRANTED = "start_convention_granted";
        public static final String USER_SIGN_CONVENTION = "user_sign_convention";
        public static final String TIMER_CONTRACTING_DEADLINE = "timer_contracting_deadline";
        public static final String SERVICE_LAPSE_CONVENTION = "service_lapse_convention";
        public static final String END_CONVENTION_LAPSED = "end_convention_lapsed";
        public static final String TIMER_CONVENTION_OVERDUE = "timer_convention_overdue";
        public static final String SERVICE_REPORT_CONVENTION_OVERDUE = "service_report_convention_overdue";
        public static final String USER_CHASE_CONVENTION = "user_chase_convention";
        public static final String END_CONVENTION_CHASED = "end_convention_chased";
        public static final String USER_PAY_ADVANCE = "user_pay_advance";
        public static final String TIMER_FIRST_PAYMENT_OVERDUE = "timer_first_payment_overdue";
        public static final String SERVICE_REPORT_FIRST_PAYMENT_OVERDUE = "service_report_first_payment_overdue";
        public static final String USER_CHASE_FIRST_PAYMENT = "user_chase_first_payment";
        public static final String END_FIRST_PAYMENT_CHASED = "end_first_payment_chased";
        public static final String SUBPROCESS_RESEARCH = "subprocess_research";
        public static final String START_RESEARCH = "start_research";
        public static final String XOR_NEXT_STATEMENT = "xor_next_statement";
        public static final String USER_SUBMIT_EXPENSE_STATEMENT = "user_submit_expense_statement";
        public static final String USER_REVIEW_EXPENSE_STATEMENT = "user_review_expense_statement";
        public static final String XOR_STATEMENT_APPROVED = "xor_statement_approved";
        public static final String XOR_FINAL_STATEMENT = "xor_final_statement";
        public static final String SERVICE_PAY_INSTALMENT = "service_pay_instalment";
        public static final String END_RESEARCH_DONE = "end_research_done";
        public static final String TIMER_BALANCE_OVERDUE = "timer_balance_overdue";
        public static final String SERVICE_REPORT_BALANCE_OVERDUE = "service_report_balance_overdue";
        public static final String USER_CHASE_BALANCE = "user_chase_balance";
        public static final String END_BALANCE_CHASED = "end_balance_chased";
        public static final String USER_ACCEPT_FINAL_REPORT = "user_accept_final_report";
        public static final String USER_PAY_BALANCE = "user_pay_balance";
        public static final String END_BALANCE_PAID = "end_balance_paid";
        public static final String SUBPROCESS_PARTNER_WITHDRAWN = "subprocess_partner_withdrawn";
        public static final String START_PARTNER_WITHDRAWN = "start_partner_withdrawn";
        public static final String END_PARTNER_WITHDRAWN = "end_partner_withdrawn";

        private Elements() {
        }
    }

    public static final class Messages {
        /** Correlated with the process variable {@link Variables#CONVENTION_ID} after a withdrawal amendment. */
        public static final String PARTNER_WITHDRAWN = "msg_partner_withdrawn";

        private Messages() {
        }
    }

    public static final class Variables {
        /** Inputs from the application. */
        public static final String PROJECT_ID = "projectId";
        public static final String APPLICATION_ID = "applicationId";
        public static final String FUNDER_ID = "funderId";
        public static final String FUNDER_NAME = "funderName";
        public static final String FUNDER_USERS = "funderUsers";
        public static final String CONVENTION_ID = "conventionId";
        public static final String CONTRACTING_DEADLINE_AT = "contractingDeadlineAt";
        /** ISO-8601 durations of the funder's service levels, e.g. P60D. */
        public static final String CONVENTION_SERVICE_LEVEL = FundingApplicationProcess.Variables.CONVENTION_SERVICE_LEVEL;
        public static final String FIRST_PAYMENT_SERVICE_LEVEL = FundingApplicationProcess.Variables.FIRST_PAYMENT_SERVICE_LEVEL;
        public static final String BALANCE_SERVICE_LEVEL = FundingApplicationProcess.Variables.BALANCE_SERVICE_LEVEL;
        /** Local input of the overdue steps: a {@code FundingStage} name. */
        public static final String OVERDUE_STAGE = FundingApplicationProcess.Variables.OVERDUE_STAGE;
        /** Form field of the chase tasks. */
        public static final String CHASE_ACTION = FundingApplicationProcess.Variables.CHASE_ACTION;
        /** Set when the convention process starts: the partner, its name and its members (candidates of its statements). */
        public static final String ORGANISATION_ID = "organisationId";
        public static final String PARTNER_USERS = "partnerUsers";
        public static final String PARTNER_NAME = "partnerName";
        /** Form fields of {@code user_sign_convention}. */
        public static final String SIGNED_ON = "signedOn";
        public static final String END_DATE = "endDate";
        public static final String ADVANCE_PERCENT = "advancePercent";
        public static final String INTERIM_CAP_PERCENT = "interimCapPercent";
        /** Form field of the payment tasks. */
        public static final String PAYMENT_REFERENCE = "paymentReference";
        /** Form fields of {@code user_submit_expense_statement}. */
        public static final String PERIOD_END = "periodEnd";
        public static final String AMOUNT = "amount";
        public static final String FINAL_STATEMENT = "finalStatement";
        public static final String STATEMENT_ID = "statementId";
        /** Whether the statement under review is the final one: the gateway's condition after an approval. */
        public static final String STATEMENT_IS_FINAL = "statementIsFinal";
        /** Form fields of {@code user_review_expense_statement}; the outcome stays for the gateway. */
        public static final String APPROVED = "approved";
        public static final String APPROVED_AMOUNT = "approvedAmount";
        public static final String COMMENT = "comment";
        public static final String STATEMENT_APPROVED = "statementApproved";

        private Variables() {
        }
    }

    private FundingConventionProcess() {
    }
}
