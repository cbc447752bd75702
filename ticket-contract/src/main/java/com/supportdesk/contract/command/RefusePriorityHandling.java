package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;

@Description("Priority handling is refused, with the reason (outside support hours, right revoked, ...).")
public record RefusePriorityHandling(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        @MaxLength(2000) String reason) implements TicketCommand {}
