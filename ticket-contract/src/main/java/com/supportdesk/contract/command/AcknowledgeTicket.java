package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;

@Description("First response of the service desk: stops the response clock.")
public record AcknowledgeTicket(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        @OptionalField @MaxLength(2000) String note) implements TicketCommand {}
