package org.tremplin.investment.process;

/** Constants of {@code bpmn/investment-round.bpmn}: code never spells a BPMN id twice. */
public final class InvestmentRoundProcess {

    public static final String KEY = "investment-round";
    public static final String RESOURCE = "bpmn/investment-round.bpmn";

    public static final class Elements {
        public static final String START_ROUND_REQUESTED = "start_round_requested";
        public static final String SERVICE_OPEN_ROUND = "service_open_round";
        public static final String USER_CLOSE_ROUND = "user_close_round";
        public static final String TIMER_CLOSING_DATE = "timer_closing_date";
        public static final String SERVICE_CLOSE_ROUND = "service_close_round";
        /** Joins the early close and the close on the closing date (one gateway joins, another splits). */
        public static final String XOR_ROUND_CLOSING_JOINED = "xor_round_closing_joined";
        public static final String XOR_ROUND_OUTCOME = "xor_round_outcome";
        public static final String END_ROUND_CLOSED = "end_round_closed";
        public static final String END_ROUND_CANCELLED = "end_round_cancelled";
        public static final String SUBPROCESS_RECONFIRMATION = "subprocess_reconfirmation";
        public static final String START_TERMS_AMENDED = "start_terms_amended";
        public static final String TIMER_RECONFIRMATION_DEADLINE = "timer_reconfirmation_deadline";
        public static final String SERVICE_LAPSE_UNCONFIRMED = "service_lapse_unconfirmed";
        public static final String END_RECONFIRMATION_OVER = "end_reconfirmation_over";
        public static final String SUBPROCESS_INVITATION = "subprocess_invitation";
        public static final String START_INVESTOR_INVITED = "start_investor_invited";
        public static final String USER_ANSWER_INVITATION = "user_answer_invitation";
        public static final String END_INVITATION_ANSWERED = "end_invitation_answered";
        public static final String SUBPROCESS_RECONFIRM_COMMITMENT = "subprocess_reconfirm_commitment";
        public static final String START_RECONFIRMATION_REQUESTED = "start_reconfirmation_requested";
        public static final String USER_RECONFIRM_COMMITMENT = "user_reconfirm_commitment";
        public static final String TIMER_RECONFIRMATION_EXPIRED = "timer_reconfirmation_expired";
        public static final String END_RECONFIRMATION_ANSWERED = "end_reconfirmation_answered";
        public static final String END_RECONFIRMATION_EXPIRED = "end_reconfirmation_expired";

        private Elements() {
        }
    }

    public static final class Messages {
        /** Correlated by business key (the round id) after a material change of terms, with the local variables
         *  {@link Variables#AMENDMENT} and {@link Variables#RECONFIRM_BY}. */
        public static final String TERMS_AMENDED = "msg_round_terms_amended";
        /** Correlated when pole staff invite an investor: its users get a task to answer, with local variables. */
        public static final String INVESTOR_INVITED = "msg_investor_invited";
        /** Correlated once per committed investor after a material change: its users get a task to reconfirm. */
        public static final String RECONFIRMATION_REQUESTED = "msg_reconfirmation_requested";

        private Messages() {
        }
    }

    public static final class Variables {
        /** Inputs of the start (the business key is the round id too). */
        public static final String ROUND_ID = "roundId";
        public static final String ROUND_TITLE = "roundTitle";
        public static final String COMPANY_ORGANISATION_ID = "companyOrganisationId";
        public static final String PROJECT_ID = "projectId";
        public static final String INSTRUMENT = "instrument";
        /** Amounts as text in euros, e.g. "500000". */
        public static final String TARGET_AMOUNT = "targetAmount";
        public static final String MINIMUM_RAISE = "minimumRaise";
        public static final String MAXIMUM_RAISE = "maximumRaise";
        public static final String MINIMUM_TICKET = "minimumTicket";
        public static final String PRE_MONEY_VALUATION = "preMoneyValuation";
        /** ISO date (Paris). */
        public static final String CLOSING_DATE = "closingDate";
        public static final String ALL_OR_NOTHING = "allOrNothing";
        public static final String SHARE_PASSPORT = "sharePassport";
        public static final String SHARE_COMMITMENTS = "shareCommitments";
        /** The instant the closing date is over (its following midnight, Paris): the closing timer. */
        public static final String CLOSING_AT = "closingAt";
        /** Form field of {@code user_close_round}. */
        public static final String CLOSE_REASON = "closeReason";
        /** The {@code RoundStatus} reached at the close: the gateway's condition. */
        public static final String ROUND_OUTCOME = "roundOutcome";
        /** Local to a reconfirmation: the amendment's number and the instant its reconfirmations are due. */
        public static final String AMENDMENT = "amendment";
        public static final String RECONFIRM_BY = "reconfirmBy";
        /** Local to an invitation's sub-process: the investor and its users (the task's candidates). */
        public static final String INVESTOR_ID = "investorId";
        public static final String INVESTOR_USERS = "investorUsers";
        /** Form fields of {@code user_answer_invitation}. */
        public static final String ACCEPT_NDA = "acceptNda";
        public static final String COMMITMENT = "commitment";
        /** Form field of {@code user_reconfirm_commitment}: reconfirm (true) or withdraw (false). */
        public static final String RECONFIRM = "reconfirm";

        private Variables() {
        }
    }

    private InvestmentRoundProcess() {
    }
}
