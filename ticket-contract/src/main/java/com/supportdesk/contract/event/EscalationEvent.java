package com.supportdesk.contract.event;

import java.time.Instant;

/** Something escalation-service decided (published on {@code escalation-events}, key = ticket id). */
public interface EscalationEvent {
    String ticketId();

    String accountId();

    Instant at();
}
