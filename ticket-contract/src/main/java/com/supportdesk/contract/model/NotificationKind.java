package com.supportdesk.contract.model;

/** What a notification is about (it picks the template). */
public enum NotificationKind {
    /** A ticket was opened: the receipt with its reference number. */
    RECEIPT,
    /** A ticket changed state (acknowledged, transferred, on hold, resolved, closed, ...). */
    STATUS_CHANGE,
    /** A message was added to a ticket. */
    MESSAGE,
    /** A ticket was escalated, or an escalation point is told about it. */
    ESCALATION,
    /** An SLA target was breached. */
    BREACH,
    /** An unplanned outage notice. */
    OUTAGE,
    /** A planned maintenance notice. */
    MAINTENANCE,
    /** An event forwarded to a webhook subscription as it is. */
    EVENT,
    /** The monthly service level report, to the designated contacts. */
    MONTHLY_REPORT
}
