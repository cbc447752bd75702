package com.supportdesk.contract.model;

public enum TicketKind {
    /** Unexpected interruption or degradation of a service. */
    INCIDENT,
    /** A change, a setting, an improvement, a how-to question. */
    SERVICE_REQUEST
}
