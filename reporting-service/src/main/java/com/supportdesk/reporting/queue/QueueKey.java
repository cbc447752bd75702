package com.supportdesk.reporting.queue;

import com.supportdesk.contract.model.PlanLevel;
import java.time.Instant;

/**
 * The work queue's order ({@link WorkQueue#ORDER}) as one text that sorts the same way, kept on each waiting ticket's
 * row ({@code queueKey}) so that PostgreSQL reads the queue off an index in order instead of sorting every open ticket:
 * a digit for priority or escalated (0) or not (1), one for the plan (five stars 0, four 1, three 2), one for the
 * severity (1..4, none 9), one for the customer's urgency (critical 0 .. none 3), the arrival in microseconds since the
 * epoch on 17 digits, then the ticket's id.
 */
public final class QueueKey {
    /** Where the plan's digit is (a change of an account's plan rewrites it in place, V7 and ReadModelWriter). */
    public static final int PLAN_POSITION = 2;

    private QueueKey() {}

    public static String of(
            boolean priorityOrEscalated,
            String planLevel,
            String severity,
            String urgency,
            Instant openedAt,
            String ticketId) {
        StringBuilder key = new StringBuilder(48);
        key.append(priorityOrEscalated ? '0' : '1');
        key.append(plan(planLevel));
        key.append(
                switch (severity == null ? "" : severity) {
                    case "SEV1" -> '1';
                    case "SEV2" -> '2';
                    case "SEV3" -> '3';
                    case "SEV4" -> '4';
                    default -> '9';
                });
        key.append(
                switch (urgency == null ? "NONE" : urgency) {
                    case "CRITICAL" -> '0';
                    case "SERIOUS" -> '1';
                    case "LOW" -> '2';
                    default -> '3';
                });
        if (openedAt == null) {
            key.append("99999999999999999");
        } else {
            long micros = openedAt.getEpochSecond() * 1_000_000L + openedAt.getNano() / 1_000;
            key.append(String.format("%017d", micros));
        }
        return key.append(ticketId).toString();
    }

    /** The plan's digit: five stars first. */
    public static char plan(String planLevel) {
        PlanLevel level;
        try {
            level = planLevel == null ? PlanLevel.STARS_3 : PlanLevel.valueOf(planLevel);
        } catch (IllegalArgumentException unknown) {
            level = PlanLevel.STARS_3;
        }
        return (char) ('0' + (PlanLevel.STARS_5.ordinal() - level.ordinal()));
    }
}
