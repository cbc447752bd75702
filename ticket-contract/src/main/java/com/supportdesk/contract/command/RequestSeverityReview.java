package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Severity;

@Description("The customer asks the service desk to review the severity because the impact changed.")
public record RequestSeverityReview(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        Severity requestedSeverity,
        @OptionalField @MaxLength(2000) String reason)
        implements TicketCommand {}
