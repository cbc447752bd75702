package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.model.ResolutionKind;

@Description("Support resolves the ticket; the customer may confirm or reject.")
public record ResolveTicket(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        ResolutionKind resolution,
        @MaxLength(20000) String summary)
        implements TicketCommand {}
