package com.supportdesk.contract.model;

/** What the unplanned-outage rule decided for one account. */
public enum OutageNoticeVerdict {
    /** Longer than 30 minutes and started in the account's support hours: the contacts and outage list are told. */
    NOTIFIED,
    /** Longer than 30 minutes but started outside support hours: nothing sent, recorded for the monthly report. */
    RECORDED_OUTSIDE_SUPPORT_HOURS,
    /** Ended within 30 minutes: nothing sent. */
    TOO_SHORT
}
