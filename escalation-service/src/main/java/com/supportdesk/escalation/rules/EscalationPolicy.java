package com.supportdesk.escalation.rules;

import java.time.Duration;

/**
 * The escalation terms of a support plan (data: {@code escalation/policies.json}).
 *
 * @param priorityStallAfter     business time without progress after which a priority ticket goes to the strategic
 *                               account manager; null: never
 * @param criticalSituationAfter 24/7 time after opening after which an unresolved critical-impact incident gets a
 *                               critical situation manager; {@code PT0S}: at once; null: not in this plan
 * @param seniorManagement       senior management is notified along with the critical situation manager
 * @param l1ToL2After            business time at the service desk (acknowledged, unresolved) before moving to L2
 * @param l2ToL3After            business time at L2 before moving to L3
 * @param autoCloseAfter         the quiet period: business time after a resolution without the customer confirming or
 *                               rejecting it, after which the ticket closes by itself; null: never
 */
public record EscalationPolicy(
        String plan,
        Duration priorityStallAfter,
        Duration criticalSituationAfter,
        boolean seniorManagement,
        Duration l1ToL2After,
        Duration l2ToL3After,
        Duration autoCloseAfter) {

    /** A plan whose resolved tickets never close by themselves. */
    public EscalationPolicy(
            String plan,
            Duration priorityStallAfter,
            Duration criticalSituationAfter,
            boolean seniorManagement,
            Duration l1ToL2After,
            Duration l2ToL3After) {
        this(plan, priorityStallAfter, criticalSituationAfter, seniorManagement, l1ToL2After, l2ToL3After, null);
    }
}
