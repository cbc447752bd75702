package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;

@Description(
        "The service desk flags a ticket as outside the contract's standard scope (non-standard, billable on request), or lifts the flag, with the reason.")
public record FlagScope(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        @Description("true: non-standard; false: standard.") Boolean nonStandard,

        @Description("Why; the customer's designated contacts are told.") @MaxLength(2000)
        String reason)
        implements TicketCommand {}
