package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.SupportLevel;

@Description("Functional transfer between the service desk (L1) and the L2 / L3 engineers.")
public record TransferTicket(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        SupportLevel toLevel,
        @OptionalField @MaxLength(2000) String reason)
        implements TicketCommand {}
