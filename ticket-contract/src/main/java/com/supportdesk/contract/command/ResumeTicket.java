package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;

@Description("The customer answered: work and SLA clocks resume.")
public record ResumeTicket(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId) implements TicketCommand {}
