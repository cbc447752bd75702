package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.EscalationTarget;

@Description("Escalate the ticket to a named escalation point.")
public record EscalateTicket(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        EscalationTarget target,
        @OptionalField @MaxLength(2000) String reason,

        @OptionalField
        @Description("The escalation rule that decided it, when sent by escalation-service.")
        @MaxLength(100)
        String rule)
        implements TicketCommand {}
