package org.tremplin.funding.api;

/** The carrier-capacity decision table's verdict on an organisation's load ({@code bpmn/carrier-capacity.dmn}). */
public enum CapacityVerdict {
    COMFORTABLE, STRETCHED, OVER_CAPACITY
}
