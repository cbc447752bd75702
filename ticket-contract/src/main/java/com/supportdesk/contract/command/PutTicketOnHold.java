package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;

@Description("The ticket waits on the customer: SLA clocks pause.")
public record PutTicketOnHold(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        @OptionalField @MaxLength(2000) String reason) implements TicketCommand {}
