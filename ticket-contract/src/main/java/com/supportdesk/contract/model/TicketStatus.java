package com.supportdesk.contract.model;

public enum TicketStatus {
    /** Opened, not yet acknowledged: the response clock runs. */
    OPEN,
    /** Acknowledged and being worked (also after a rejected resolution or a resume). */
    IN_PROGRESS,
    /** Waiting on the customer: SLA clocks pause. */
    WAITING_ON_CUSTOMER,
    /** Resolved: the customer confirms or rejects; closes by itself after a quiet period. */
    RESOLVED,
    /** Closed: accepts nothing more and cannot be reopened. */
    CLOSED;

    public boolean isActive() {
        return this != RESOLVED && this != CLOSED;
    }
}
