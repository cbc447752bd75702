package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;

@Description("The customer confirms the resolution: the ticket closes.")
public record ConfirmResolution(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId) implements TicketCommand {}
