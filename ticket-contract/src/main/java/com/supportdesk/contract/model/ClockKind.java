package com.supportdesk.contract.model;

/** The SLA clocks of a ticket. A reader that meets a kind it does not know should skip it (kinds only grow). */
public enum ClockKind {
    /** Opening -> acknowledgement (the guaranteed one). */
    RESPONSE,
    /** Opening -> resolution; pauses while the ticket waits on the customer. */
    RESOLUTION,
    /**
     * A customer's message on an acknowledged ticket -> the next answer from the support side (the "next reply"
     * target), when the ticket's policy sets one. Starts again with the next unanswered customer message.
     */
    FOLLOW_UP
}
