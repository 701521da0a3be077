package org.tremplin.project.api;

/** Where an organisation stands in a project's consortium. */
public enum PartnerStatus {
    LEAD, INVITED, JOINED, DECLINED
}
