package com.supportdesk.contract.model;

/** Why a running clock's target or deadline moved. */
public enum RetargetReason {
    /** The ticket's severity was reclassified: a new target. */
    SEVERITY_RECLASSIFIED,
    /** Its calendar changed (hours, holidays, closures): the same target, a new deadline. */
    CALENDAR_CHANGED,
    /** An exceptional event was declared on its calendar: the response clock does not run during it. */
    EXCEPTIONAL_EVENT,
    /** Its SLA policy changed and the change was applied to running clocks. */
    POLICY_CHANGED,
    /**
     * A follow-up clock's 24/7 follow-up was downgraded to business hours (the customer cannot provide resources
     * round the clock): the same target on the business-hours calendar.
     */
    FOLLOW_UP_DOWNGRADED
}
