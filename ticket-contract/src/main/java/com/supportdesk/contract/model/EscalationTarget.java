package com.supportdesk.contract.model;

public enum EscalationTarget {
    /** The account's strategic account manager: standard and priority handling failed. */
    STRATEGIC_ACCOUNT_MANAGER,
    /** Tiered agreement: a critical situation manager takes the case. */
    CRITICAL_SITUATION_MANAGER,
    /** Tiered agreement, level 3: senior management is notified. */
    SENIOR_MANAGEMENT,
    /** The vendor's support management (escalation management on request). */
    SUPPORT_MANAGEMENT
}
