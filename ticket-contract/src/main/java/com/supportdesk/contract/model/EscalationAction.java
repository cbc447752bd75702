package com.supportdesk.contract.model;

/** What escalation-service decided to do with a ticket. */
public enum EscalationAction {
    /** Priority handling granted (sent as a grant command). */
    GRANT_PRIORITY,
    /** Priority handling refused, with the reason (sent as a refuse command). */
    REFUSE_PRIORITY,
    /** Escalated to an escalation point (sent as an escalate command). */
    ESCALATE,
    /** Moved up a support level (sent as a transfer command). */
    TRANSFER,
    /** A resolved ticket closed after the quiet period without an answer from the customer (sent as a close command). */
    CLOSE
}
