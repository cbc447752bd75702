package com.supportdesk.contract.event;

import java.time.Instant;

/** Something that happened to a ticket. Carries the account so consumers can act without calling back. */
public interface TicketEvent {
    String ticketId();

    String accountId();

    /** When it happened (service clock). */
    Instant at();
}
