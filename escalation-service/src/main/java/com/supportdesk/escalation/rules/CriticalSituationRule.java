package com.supportdesk.escalation.rules;

import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tiered agreement: a critical-impact incident not restored gets a critical situation manager after the plan's
 * time (level 2: 4 hours; level 3: at once, within 30 minutes), 24/7; at level 3 senior management is notified too.
 */
public final class CriticalSituationRule {
    public static final String NAME = "critical-situation";

    private CriticalSituationRule() {}

    public static Optional<Instant> due(TicketFacts ticket, EscalationPolicy policy) {
        if (ticket.impact() != Impact.CRITICAL
                || !ticket.active()
                || policy.criticalSituationAfter() == null
                || ticket.escalatedTo().contains(EscalationTarget.CRITICAL_SITUATION_MANAGER)) {
            return Optional.empty();
        }
        return Optional.of(ticket.openedAt().plus(policy.criticalSituationAfter()));
    }

    public static List<Decision> decide(TicketFacts ticket, EscalationPolicy policy, Instant now) {
        Optional<Instant> due = due(ticket, policy);
        List<Decision> decisions = new ArrayList<>();
        if (due.isEmpty() || due.get().isAfter(now)) {
            return decisions;
        }
        String why = policy.criticalSituationAfter().isZero()
                ? "critical-impact incident under " + policy.plan()
                        + ": a critical situation manager is assigned at once"
                : "critical-impact incident not restored " + policy.criticalSituationAfter() + " after opening ("
                        + policy.plan() + ")";
        decisions.add(Decision.escalate(
                NAME, EscalationTarget.CRITICAL_SITUATION_MANAGER, why, null, NAME + "/" + ticket.ticketId()));
        if (policy.seniorManagement() && !ticket.escalatedTo().contains(EscalationTarget.SENIOR_MANAGEMENT)) {
            decisions.add(Decision.escalate(
                    NAME,
                    EscalationTarget.SENIOR_MANAGEMENT,
                    "senior management is notified of critical-impact incidents under " + policy.plan(),
                    null,
                    NAME + "/senior/" + ticket.ticketId()));
        }
        return decisions;
    }
}
