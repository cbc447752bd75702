package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Urgency;
import com.supportdesk.contract.model.SupportLevel;
import java.time.Instant;

@Description("A ticket was opened; the reference number is what the customer quotes.")
public record TicketOpened(
        String ticketId,
        String accountId,
        @Description("Human reference number, e.g. TKT-000042.") String reference,
        TicketKind kind,
        Severity severity,
        Impact impact,
        @OptionalField Urgency urgency,
        @Description("Sev 1 and Sev 2 tickets are priority tickets from the start.") boolean priority,
        SupportLevel level,
        String title,
        String description,
        @OptionalField String application,
        @OptionalField String relatedTicketId,
        @Description("User id of who did it (or the service identity).") String by,
        Instant at) implements TicketEvent {
}
