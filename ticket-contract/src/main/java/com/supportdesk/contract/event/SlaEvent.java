package com.supportdesk.contract.event;

import com.supportdesk.contract.model.ClockKind;
import java.time.Instant;

/** Something that happened to one SLA clock of a ticket (published by sla-service on {@code sla-events}). */
public interface SlaEvent {
    String ticketId();

    String accountId();

    ClockKind clock();

    Instant at();
}
