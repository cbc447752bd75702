package com.supportdesk.reporting.queue;

import com.supportdesk.contract.model.PlanLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The order in which the service desk (or an engineer at L2 and L3) takes open tickets, by the agreements: priority
 * tickets first (Sev 1 and Sev 2, priority handling granted, or escalated), then by the account's plan level (five
 * stars, four, three), then by urgency (the severity the service desk set, then the urgency the customer chose),
 * then by arrival (the oldest first). Pure: a list in, the same tickets in order out.
 */
public final class WorkQueue {
    private WorkQueue() {}

    /** An open ticket as the queue sees it. */
    public record Item(
            String ticketId,
            String reference,
            String accountId,
            String accountName,
            PlanLevel planLevel,
            String severity,
            String urgency,
            boolean priority,
            boolean escalated,
            String status,
            String level,
            String title,
            String application,
            boolean nonStandard,
            boolean breached,
            Instant openedAt,
            String clock,
            Instant deadline) {}

    /** One place in the queue, with the running SLA clock's time left and the reason for the place, in words. */
    public record Line(
            int position,
            String ticketId,
            String reference,
            String accountId,
            String accountName,
            PlanLevel planLevel,
            String severity,
            String urgency,
            boolean priority,
            boolean escalated,
            String status,
            String level,
            String title,
            String application,
            boolean nonStandard,
            boolean breached,
            Instant openedAt,
            String clock,
            Instant deadline,
            Long secondsLeft,
            String why) {
        /** The same line at another position (a later page's). */
        public Line at(int place) {
            return new Line(
                    place,
                    ticketId,
                    reference,
                    accountId,
                    accountName,
                    planLevel,
                    severity,
                    urgency,
                    priority,
                    escalated,
                    status,
                    level,
                    title,
                    application,
                    nonStandard,
                    breached,
                    openedAt,
                    clock,
                    deadline,
                    secondsLeft,
                    why);
        }
    }

    /** The customer's urgency from the most to the least urgent; none given counts as NONE. */
    private static final Map<String, Integer> URGENCY = Map.of("CRITICAL", 0, "SERIOUS", 1, "LOW", 2, "NONE", 3);

    static final Comparator<Item> ORDER = Comparator.comparing((Item i) -> !(i.priority() || i.escalated()))
            .thenComparing(i -> PlanLevel.orDefault(i.planLevel()), Comparator.reverseOrder())
            .thenComparing(i -> i.severity() == null ? "SEV9" : i.severity())
            .thenComparing(i -> URGENCY.getOrDefault(i.urgency() == null ? "NONE" : i.urgency(), 3))
            .thenComparing(Item::openedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Item::ticketId);

    /** The first {@code limit} of {@code open} in the order they are to be taken. */
    public static List<Line> order(List<Item> open, Instant now, int limit) {
        List<Item> sorted = open.stream().sorted(ORDER).limit(limit).toList();
        return IntStream.range(0, sorted.size())
                .mapToObj(n -> line(n + 1, sorted.get(n), now))
                .toList();
    }

    private static Line line(int position, Item i, Instant now) {
        PlanLevel plan = PlanLevel.orDefault(i.planLevel());
        String why = (i.escalated() ? "escalated" : i.priority() ? "priority" : "standard handling") + ", "
                + plan.stars() + "-star plan, " + i.severity()
                + (i.urgency() == null
                        ? ""
                        : " (customer urgency " + i.urgency().toLowerCase() + ")") + ", opened "
                + i.openedAt();
        return new Line(
                position,
                i.ticketId(),
                i.reference(),
                i.accountId(),
                i.accountName(),
                plan,
                i.severity(),
                i.urgency(),
                i.priority(),
                i.escalated(),
                i.status(),
                i.level(),
                i.title(),
                i.application(),
                i.nonStandard(),
                i.breached(),
                i.openedAt(),
                i.clock(),
                i.deadline(),
                i.deadline() == null
                        ? null
                        : Duration.between(now, i.deadline()).toSeconds(),
                why);
    }
}
