package com.supportdesk.contract.model;

/** The two SLA clocks of a ticket. */
public enum ClockKind {
    /** Opening -> acknowledgement (the guaranteed one). */
    RESPONSE,
    /** Opening -> resolution; pauses while the ticket waits on the customer. */
    RESOLUTION
}
