package com.supportdesk.contract.model;

public enum ClosureReason {
    CONFIRMED_BY_CUSTOMER,
    CLOSED_BY_SUPPORT,
    /** Closed by itself after the configurable quiet period following resolution. */
    AUTO_CLOSED
}
