package com.supportdesk.contract.model;

/** Urgency chosen by the customer at creation (one of the agreements). */
public enum Urgency {
    NONE,
    LOW,
    SERIOUS,
    CRITICAL
}
