package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Severity;

@Description("The service desk lowers or raises the severity; SLA clocks follow.")
public record ReclassifySeverity(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        Severity severity,
        @OptionalField @MaxLength(2000) String reason)
        implements TicketCommand {}
