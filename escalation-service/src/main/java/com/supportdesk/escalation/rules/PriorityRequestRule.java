package com.supportdesk.escalation.rules;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.model.EscalationAction;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Priority handling on request (standard agreement): only for an existing, open ticket that is not a priority ticket
 * already; only by a designated contact; only during the support hours of the account's region; never when the
 * vendor revoked the account's right. A refusal says which condition failed.
 */
public final class PriorityRequestRule {
    public static final String NAME = "priority-request";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy HH:mm");

    private PriorityRequestRule() {}

    /** @param supportHours the calendar of the account's region; {@code account} null when unknown */
    public static Optional<Decision> decide(
            TicketFacts ticket,
            AccountFacts account,
            PriorityHandlingRequested request,
            BusinessCalendar supportHours,
            String requestId) {
        String key = NAME + "/" + requestId;
        if (ticket.priority()) {
            return Optional.empty(); // already a priority ticket (Sev 1/2 or granted before): nothing to decide
        }
        String refusal = null;
        if (!ticket.active()) {
            refusal = "the ticket is " + (ticket.closed() ? "closed" : "resolved");
        } else if (account == null) {
            refusal = "the account " + ticket.accountId() + " is not known to the support organisation";
        } else if (account.priorityRevoked()) {
            refusal = "the vendor has revoked this account's right to request priority handling";
        } else if (!account.isDesignatedContact(request.by())) {
            refusal = "only the account's designated contacts may request priority handling; " + request.by()
                    + " is not one";
        } else if (!supportHours.isOpen(request.at())) {
            refusal = "requested on " + LOCAL.format(request.at().atZone(supportHours.zone())) + " ("
                    + supportHours.zone().getId() + "), outside the support hours of the account's region: "
                    + supportHours.name();
        }
        if (refusal != null) {
            return Optional.of(new Decision(NAME, EscalationAction.REFUSE_PRIORITY, null, null, refusal, null, key));
        }
        return Optional.of(new Decision(
                NAME,
                EscalationAction.GRANT_PRIORITY,
                null,
                null,
                "requested by designated contact " + request.by() + " during support hours",
                null,
                key));
    }
}
