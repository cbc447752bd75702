package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;

@Description("A designated contact asks for priority handling of an existing ticket.")
public record RequestPriorityHandling(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        @OptionalField @MaxLength(2000) String reason) implements TicketCommand {}
