package org.tremplin.funding.api;

/**
 * A partner's size in the sense of the EU state-aid rules (Annex I GBER): small (under 50 people), medium
 * (under 250), large, or a research organisation in its non-economic activity (outside state aid).
 */
public enum EnterpriseSize {
    SMALL,
    MEDIUM,
    LARGE,
    RESEARCH_ORGANISATION;
}
