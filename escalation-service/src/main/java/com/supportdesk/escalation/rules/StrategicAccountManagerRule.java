package com.supportdesk.escalation.rules;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.model.EscalationTarget;
import java.time.Instant;
import java.util.Optional;

/**
 * When standard and priority handling both fail on a priority ticket, it escalates to the account's strategic
 * account manager: on an SLA breach, or when the ticket stalls (no progress for the plan's stall time, in business
 * time of the region's calendar). Once per ticket.
 */
public final class StrategicAccountManagerRule {
    public static final String BREACH = "priority-breach";
    public static final String STALL = "priority-stall";

    private StrategicAccountManagerRule() {}

    public static Optional<Decision> onBreach(TicketFacts ticket, AccountFacts account, SlaBreached breach) {
        if (!applies(ticket)) {
            return Optional.empty();
        }
        return Optional.of(Decision.escalate(
                BREACH,
                EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                "the " + breach.clock().name().toLowerCase() + " target of " + breach.target() + " was breached at "
                        + breach.deadline() + " on a priority ticket",
                sam(account),
                key(ticket)));
    }

    /** When the ticket counts as stalled if nothing happens before; empty when the rule does not apply. */
    public static Optional<Instant> stallDue(TicketFacts ticket, EscalationPolicy policy, BusinessCalendar hours) {
        if (!applies(ticket) || policy.priorityStallAfter() == null) {
            return Optional.empty();
        }
        return Optional.of(hours.deadline(ticket.lastProgressAt(), policy.priorityStallAfter()));
    }

    public static Optional<Decision> onStall(
            TicketFacts ticket, AccountFacts account, EscalationPolicy policy, BusinessCalendar hours, Instant now) {
        Optional<Instant> due = stallDue(ticket, policy, hours);
        if (due.isEmpty() || due.get().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Decision.escalate(
                STALL,
                EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                "no progress since " + ticket.lastProgressAt() + " (" + policy.priorityStallAfter()
                        + " of business time) on a priority ticket",
                sam(account),
                key(ticket)));
    }

    private static boolean applies(TicketFacts ticket) {
        return ticket.priority()
                && ticket.active()
                && !ticket.escalatedTo().contains(EscalationTarget.STRATEGIC_ACCOUNT_MANAGER);
    }

    /** One key for both triggers: the strategic account manager is called once per ticket. */
    private static String key(TicketFacts ticket) {
        return "strategic-account-manager/" + ticket.ticketId();
    }

    private static String sam(AccountFacts account) {
        return account == null || account.strategicAccountManager() == null
                ? null
                : account.strategicAccountManager().userId();
    }
}
