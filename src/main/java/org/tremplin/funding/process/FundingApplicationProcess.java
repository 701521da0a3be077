package org.tremplin.funding.process;

/** Constants of {@code bpmn/funding-application.bpmn}: code never spells a BPMN id twice. */
public final class FundingApplicationProcess {

    public static final String KEY = "funding-application";
    public static final String RESOURCE = "bpmn/funding-application.bpmn";

    public static final class Elements {
        public static final String START_APPLICATION_REQUESTED = "start_application_requested";
        public static final String SERVICE_PREPARE_APPLICATION = "service_prepare_application";
        public static final String USER_FILE_APPLICATION = "user_file_application";
        public static final String USER_RECORD_FUNDING_DECISION = "user_record_funding_decision";
        public static final String TIMER_DECISION_OVERDUE = "timer_decision_overdue";
        public static final String SERVICE_REPORT_DECISION_OVERDUE = "service_report_decision_overdue";
        public static final String USER_CHASE_DECISION = "user_chase_decision";
        public static final String END_DECISION_CHASED = "end_decision_chased";
        public static final String XOR_FUNDING_GRANTED = "xor_funding_granted";
        public static final String END_APPLICATION_REJECTED = "end_application_rejected";
        public static final String CALL_CONVENTIONS = "call_conventions";
        public static final String END_FUNDING_SETTLED = "end_funding_settled";

        private Elements() {
        }
    }

    public static final class Variables {
        /** Inputs from the lifecycle. */
        public static final String PROJECT_ID = "projectId";
        public static final String CALL_ID = "callId";
        public static final String CARRIER_USER = "carrierUser";
        /** Set by {@code service_prepare_application}. */
        public static final String APPLICATION_ID = "applicationId";
        public static final String CALL_CODE = "callCode";
        public static final String FUNDER_ID = "funderId";
        public static final String FUNDER_NAME = "funderName";
        /** List of the funder's user ids: candidate users of the funder's tasks. */
        public static final String FUNDER_USERS = "funderUsers";
        /** ISO-8601 durations of the funder's service levels, e.g. P60D. */
        public static final String DECISION_SERVICE_LEVEL = "decisionServiceLevel";
        public static final String CONVENTION_SERVICE_LEVEL = "conventionServiceLevel";
        public static final String FIRST_PAYMENT_SERVICE_LEVEL = "firstPaymentServiceLevel";
        public static final String BALANCE_SERVICE_LEVEL = "balanceServiceLevel";
        /** Form field of {@code user_file_application}; kept after filing as {@link #APPLICATION_REQUESTS}. */
        public static final String REQUESTS = "requests";
        public static final String APPLICATION_REQUESTS = "applicationRequests";
        /** Form fields of {@code user_record_funding_decision}. */
        public static final String GRANTED = "granted";
        public static final String GRANTS = "grants";
        public static final String REASONS = "reasons";
        public static final String STATE_AID_JUSTIFICATION = "stateAidJustification";
        /** Set by the decision: the gateway's condition, the conventions to run, when unsigned ones lapse. */
        public static final String FUNDING_GRANTED = "fundingGranted";
        public static final String CONVENTION_IDS = "conventionIds";
        public static final String CONTRACTING_DEADLINE_AT = "contractingDeadlineAt";
        /** Local input of the overdue steps: a {@code FundingStage} name. */
        public static final String OVERDUE_STAGE = "overdueStage";
        /** Form field of the chase tasks. */
        public static final String CHASE_ACTION = "chaseAction";

        private Variables() {
        }
    }

    private FundingApplicationProcess() {
    }
}
