package org.tremplin.shared;

import java.util.List;

/** The user groups of Tremplin; one identity store (Camunda's) serves the API, Tasklist and Cockpit. */
public final class Roles {

    public static final String POLE_STAFF = "pole-staff";
    public static final String CARRIER = "carrier";
    public static final String REVIEWER = "reviewer";
    public static final String FUNDER = "funder";
    public static final String INVESTOR = "investor";
    public static final String AUDITOR = "auditor";
    /** The pole's industrial-property adviser: records the findings of SMEs' IP pre-diagnoses (issue 13). */
    public static final String IP_ADVISER = "ip-adviser";
    /** Users of a partner pole (another cluster): see the files their pole is asked to label and decide its co-label. */
    public static final String PARTNER_POLE = "partner-pole";
    /** Camunda's administrators group (Cockpit, Admin). */
    public static final String ADMIN = "camunda-admin";

    public static final List<String> ALL = List.of(POLE_STAFF, CARRIER, REVIEWER, FUNDER, INVESTOR, AUDITOR, IP_ADVISER,
            PARTNER_POLE);

    private Roles() {
    }
}
