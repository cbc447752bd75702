package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.ClosureReason;

@Description("Close a resolved ticket (by support, or automatically after the quiet period).")
public record CloseTicket(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,

        @OptionalField @Description("CLOSED_BY_SUPPORT (default) or AUTO_CLOSED.")
        ClosureReason closure)
        implements TicketCommand {}
