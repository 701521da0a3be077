package org.tremplin.project.process;

/** Constants of {@code bpmn/labelling.bpmn}. */
public final class LabellingProcess {

    public static final String KEY = "labelling";
    public static final String RESOURCE = "bpmn/labelling.bpmn";

    public static final class Elements {
        public static final String START_LABELLING_STARTED = "start_labelling_started";
        public static final String USER_ASSIGN_REVIEWERS = "user_assign_reviewers";
        public static final String USER_REVIEW_FILE = "user_review_file";
        public static final String TIMER_REVIEW_OVERDUE = "timer_review_overdue";
        public static final String SERVICE_REMIND_REVIEWERS = "service_remind_reviewers";
        public static final String END_REMINDERS_SENT = "end_reminders_sent";
        public static final String USER_DECIDE_LABEL = "user_decide_label";
        public static final String USER_COMMUNICATE_CONCLUSIONS = "user_communicate_conclusions";
        public static final String END_LABELLING_DONE = "end_labelling_done";
        public static final String XOR_REDRESS_OPEN = "xor_redress_open";
        public static final String USER_CONTEST_REFUSAL = "user_contest_refusal";
        public static final String TIMER_REDRESS_DEADLINE = "timer_redress_deadline";
        public static final String SERVICE_CLOSE_REDRESS = "service_close_redress";
        public static final String USER_DECIDE_REDRESS = "user_decide_redress";
        public static final String XOR_REDRESS_UPHELD = "xor_redress_upheld";

        private Elements() {
        }
    }

    public static final class Variables {
        public static final String PROJECT_ID = ProjectLifecycleProcess.Variables.PROJECT_ID;
        /** Form field: comma-separated user ids of the reviewers. */
        public static final String REVIEWERS = "reviewers";
        /** Form field: the date reviews are due (Europe/Paris). */
        public static final String REVIEW_DEADLINE = "reviewDeadline";
        /** Set by the process: the reviewers' user ids, the multi-instance collection. */
        public static final String REVIEWER_IDS = "reviewerIds";
        /** Set by the process: the instant reviews become overdue (end of the due date, Paris time). */
        public static final String REVIEWS_OVERDUE_AT = "reviewsOverdueAt";
        /** Multi-instance element variable: the reviewer of one instance of {@code user_review_file}. */
        public static final String REVIEWER = "reviewer";
        public static final String SCORE = "score";
        public static final String RECOMMENDATION = "recommendation";
        public static final String CONCLUSIONS = "conclusions";
        public static final String GRANTED = "granted";
        public static final String REASONS = "reasons";
        public static final String MESSAGE = "message";
        public static final String LABEL_GRANTED = ProjectLifecycleProcess.Variables.LABEL_GRANTED;
        /** Passed in by the lifecycle: the carrier's user, assignee of {@code user_contest_refusal}. */
        public static final String CARRIER_USER = ProjectLifecycleProcess.Variables.CARRIER_USER;
        /** Set when a refusal is communicated: the instant the redress period ends (end of its last day, Paris time). */
        public static final String REDRESS_DEADLINE_AT = "redressDeadlineAt";
        /** Form field of {@code user_contest_refusal}: the carrier's arguments. */
        public static final String ARGUMENTS = "arguments";
        /** Form fields of {@code user_decide_redress}. */
        public static final String CONFIRM_REFUSAL = "confirmRefusal";
        public static final String REDRESS_REASONS = "redressReasons";
        /** Set by the process once staff decided a contest: a later refusal of this file is final. */
        public static final String REDRESS_DECIDED = "redressDecided";
        /** Set by the process: staff confirmed the contested refusal (true) or sent the file back (false). */
        public static final String REFUSAL_CONFIRMED = "refusalConfirmed";

        private Variables() {
        }
    }

    private LabellingProcess() {
    }
}
