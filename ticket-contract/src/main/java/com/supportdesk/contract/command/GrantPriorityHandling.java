package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;

@Description(
        "Priority handling is granted (decided by escalation-service from the account's rights and support hours).")
public record GrantPriorityHandling(
        @Description("Ticket id (UUID).") @MaxLength(64) String ticketId,
        @OptionalField @MaxLength(2000) String reason) implements TicketCommand {}
