package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;

@Description("The customer rejects the resolution: the ticket goes back in progress.")
public record RejectResolution(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        @MaxLength(2000) String reason) implements TicketCommand {}
