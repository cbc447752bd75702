package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import java.time.Instant;

@Description(
        "The ticket was flagged as outside the contract's standard scope (non-standard, billable on request), or the flag was lifted. Set at opening when no line of the account's standard scope covers the ticket; the service desk may change it later.")
public record TicketScopeFlagged(
        String ticketId,
        String accountId,

        @Description("true: non-standard (outside the standard scope); false: standard again.")
        boolean nonStandard,

        @Description("Why, in a sentence: the scope rule's finding at opening, or the service desk's reason.")
        String reason,

        @Description("true when the scope rule flagged it at opening; false when someone decided.")
        boolean automatic,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements TicketEvent {
    @Override
    public <R> R accept(TicketEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
