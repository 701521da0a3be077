package org.tremplin.project.process;

/** Constants of {@code bpmn/colabelling.bpmn}: one request of a project to one partner pole. */
public final class CoLabellingProcess {

    public static final String KEY = "colabelling";
    public static final String RESOURCE = "bpmn/colabelling.bpmn";

    public static final class Elements {
        public static final String START_COLABEL_REQUESTED = "start_colabel_requested";
        public static final String SERVICE_REQUEST_COLABEL = "service_request_colabel";
        public static final String USER_DECIDE_COLABEL = "user_decide_colabel";
        public static final String END_COLABEL_DECIDED = "end_colabel_decided";
        public static final String BOUNDARY_COLABEL_WITHDRAWN = "boundary_colabel_withdrawn";
        public static final String SERVICE_WITHDRAW_COLABEL = "service_withdraw_colabel";
        public static final String END_COLABEL_WITHDRAWN = "end_colabel_withdrawn";

        private Elements() {
        }
    }

    public static final class Messages {
        public static final String COLABEL_WITHDRAWN = "msg_colabel_withdrawn";

        private Messages() {
        }
    }

    public static final class Variables {
        public static final String PROJECT_ID = ProjectLifecycleProcess.Variables.PROJECT_ID;
        public static final String TITLE = ProjectLifecycleProcess.Variables.TITLE;
        /** The co-labelling aggregate's id (one per project and pole). */
        public static final String CO_LABEL_ID = "coLabelId";
        public static final String POLE_ID = "poleId";
        public static final String POLE_NAME = "poleName";
        /** The partner pole's users when asked: the candidate users of {@code user_decide_colabel}. */
        public static final String POLE_USERS = "poleUsers";
        /** The project's status when asked (the co-labelling checks it). */
        public static final String PROJECT_STATUS = "projectStatus";
        /** The carrier's or staff's message to the partner pole (optional). */
        public static final String REQUEST_MESSAGE = "requestMessage";
        /** Form fields of {@code user_decide_colabel}. */
        public static final String GRANTED = "granted";
        public static final String CONCLUSIONS = "conclusions";
        /** Set with the withdrawal message: why the request is withdrawn. */
        public static final String WITHDRAWAL_REASON = "withdrawalReason";

        private Variables() {
        }
    }

    private CoLabellingProcess() {
    }
}
