package org.tremplin.project.process;

/** Constants of {@code bpmn/prelabelling.bpmn}: a carrier's pre-label, its orientation and the expert's opinion. */
public final class PreLabellingProcess {

    public static final String KEY = "prelabelling";
    public static final String RESOURCE = "bpmn/prelabelling.bpmn";

    public static final class Elements {
        public static final String START_PRELABEL_REQUESTED = "start_prelabel_requested";
        public static final String SERVICE_REQUEST_PRELABEL = "service_request_prelabel";
        public static final String SERVICE_COMPUTE_ORIENTATION = "service_compute_orientation";
        public static final String USER_GIVE_PRELABEL_OPINION = "user_give_prelabel_opinion";
        public static final String END_PRELABEL_ANSWERED = "end_prelabel_answered";
        public static final String BOUNDARY_PRELABEL_CLOSED = "boundary_prelabel_closed";
        public static final String SERVICE_CLOSE_PRELABEL = "service_close_prelabel";
        public static final String END_PRELABEL_CLOSED = "end_prelabel_closed";

        private Elements() {
        }
    }

    public static final class Messages {
        /** Closes the pending round without an opinion (the project was abandoned). */
        public static final String PRELABEL_CLOSED = "msg_prelabel_closed";

        private Messages() {
        }
    }

    public static final class Variables {
        public static final String PROJECT_ID = ProjectLifecycleProcess.Variables.PROJECT_ID;
        public static final String TITLE = ProjectLifecycleProcess.Variables.TITLE;
        /** Start variable: the user who asked (a user of the carrier organisation). */
        public static final String REQUESTED_BY = "requestedBy";
        /** Transient start variable: what the carrier wants advice on (kept in the event only). */
        public static final String NOTE = "note";
        /** Set by the process: the round's number returned by the pre-label. */
        public static final String ROUND = "round";
        /** Form field: GO, GO_WITH_CHANGES or NOT_YET. */
        public static final String OPINION = "opinion";
        /** Form field: the advice (required). */
        public static final String ADVICE = "advice";
        /** Form field: the changes required, one per line (GO_WITH_CHANGES only). */
        public static final String REQUIRED_CHANGES = "requiredChanges";
        /** Set with the closing message: why the round is closed without an opinion. */
        public static final String CLOSE_REASON = "closeReason";

        private Variables() {
        }
    }

    private PreLabellingProcess() {
    }
}
