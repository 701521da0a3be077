package org.tremplin.platform.config;

/** Names of the metadata every command and event carries. */
public final class StepMetadata {

    public static final String ACTOR = "actor";
    public static final String ROLES = "roles";
    public static final String CORRELATION_ID = "correlationId";
    public static final String PROCESS_INSTANCE_ID = "processInstanceId";
    public static final String PROCESS_DEFINITION_KEY = "processDefinitionKey";
    public static final String ACTIVITY_ID = "activityId";

    /** Actor of steps taken by the engine itself (timers). */
    public static final String SYSTEM_ACTOR = "system";

    private StepMetadata() {
    }
}
