package org.tremplin.project.process;

/** Constants of {@code bpmn/project-lifecycle.bpmn}: code never spells a BPMN id twice. */
public final class ProjectLifecycleProcess {

    public static final String KEY = "project-lifecycle";
    public static final String RESOURCE = "bpmn/project-lifecycle.bpmn";

    public static final class Elements {
        public static final String START_IDEA_SUBMITTED = "start_idea_submitted";
        public static final String SERVICE_SUBMIT_IDEA = "service_submit_idea";
        public static final String USER_BUILD_CONSORTIUM = "user_build_consortium";
        public static final String CALL_LABELLING = "call_labelling";
        public static final String XOR_LABEL_GRANTED = "xor_label_granted";
        public static final String USER_CHOOSE_TARGET_CALLS = "user_choose_target_calls";
        public static final String CALL_FUNDING_APPLICATIONS = "call_funding_applications";
        public static final String SERVICE_CLOSE_PROJECT = "service_close_project";
        public static final String USER_PLAN_GROWTH = "user_plan_growth";
        public static final String END_PROJECT_CLOSED = "end_project_closed";
        public static final String END_LABEL_REFUSED = "end_label_refused";
        public static final String SUBPROCESS_ABANDON = "subprocess_abandon";
        public static final String START_ABANDON_REQUESTED = "start_abandon_requested";
        public static final String SERVICE_ABANDON_PROJECT = "service_abandon_project";
        public static final String END_ABANDONED = "end_abandoned";

        private Elements() {
        }
    }

    public static final class Messages {
        public static final String PROJECT_ABANDONED = "msg_project_abandoned";

        private Messages() {
        }
    }

    public static final class Variables {
        public static final String PROJECT_ID = "projectId";
        public static final String TITLE = "title";
        public static final String CARRIER_ORGANISATION_ID = "carrierOrganisationId";
        public static final String CARRIER_USER = "carrierUser";
        /** Transient: the idea's content is kept in events, not in the engine's variables and history. */
        public static final String SUMMARY = "summary";
        public static final String THEMATIC_AXIS = "thematicAxis";
        public static final String CONFIDENTIALITY = "confidentiality";
        public static final String CARRIER_NAME = "carrierName";
        public static final String CARRIER_KIND = "carrierKind";
        public static final String PLANNED_BUDGET = "plannedBudget";
        /** Form field of {@code user_build_consortium}. */
        public static final String CONSORTIUM_COMPLETE = "consortiumComplete";
        public static final String ABANDON_REASON = "abandonReason";
        /** Output of the labelling call activity. */
        public static final String LABEL_GRANTED = "labelGranted";
        /** Form field of {@code user_choose_target_calls}: call ids separated by commas. */
        public static final String TARGET_CALLS = "targetCalls";
        /** The chosen calls as a list: the collection of {@code call_funding_applications}. */
        public static final String TARGET_CALL_IDS = "targetCallIds";
        /** The element variable of {@code call_funding_applications}, passed to each application. */
        public static final String CALL_ID = "callId";
        /**
         * Form fields of {@code user_plan_growth}: whether to open an investment round now and its terms. They carry the
         * names the investment context's round process uses for the same terms (its listener reads them).
         */
        public static final String OPEN_ROUND = "openRound";
        public static final String ROUND_TITLE = "roundTitle";
        public static final String INSTRUMENT = "instrument";
        public static final String TARGET_AMOUNT = "targetAmount";
        public static final String MINIMUM_RAISE = "minimumRaise";
        public static final String MAXIMUM_RAISE = "maximumRaise";
        public static final String MINIMUM_TICKET = "minimumTicket";
        public static final String PRE_MONEY_VALUATION = "preMoneyValuation";
        public static final String CLOSING_DATE = "closingDate";
        public static final String ALL_OR_NOTHING = "allOrNothing";
        public static final String SHARE_PASSPORT = "sharePassport";

        private Variables() {
        }
    }

    private ProjectLifecycleProcess() {
    }
}
