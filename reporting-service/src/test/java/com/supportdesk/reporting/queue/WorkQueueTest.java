package com.supportdesk.reporting.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.model.PlanLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The order of the work queue, rule by rule: priority, plan level, urgency (severity, then the customer's), arrival. */
class WorkQueueTest {
    static final Instant NOW = Instant.parse("2026-04-01T10:00:00Z");

    static WorkQueue.Item item(
            String id,
            PlanLevel plan,
            String severity,
            String urgency,
            boolean priority,
            boolean escalated,
            int minutesAgo) {
        return new WorkQueue.Item(
                id,
                "TKT-" + id,
                "acc",
                "Acme",
                plan,
                severity,
                urgency,
                priority,
                escalated,
                "OPEN",
                "L1",
                "title",
                null,
                false,
                false,
                NOW.minusSeconds(60L * minutesAgo),
                "RESPONSE",
                NOW.plusSeconds(1800));
    }

    static List<String> order(List<WorkQueue.Item> items) {
        return WorkQueue.order(items, NOW, 50).stream()
                .map(WorkQueue.Line::ticketId)
                .toList();
    }

    @Test
    void priorityFirstThenPlanLevelThenUrgencyThenArrival() {
        List<WorkQueue.Item> items = new ArrayList<>(List.of(
                item("old-3-star-sev3", PlanLevel.STARS_3, "SEV3", null, false, false, 300),
                item("new-5-star-sev4", PlanLevel.STARS_5, "SEV4", null, false, false, 1),
                item("4-star-sev3", PlanLevel.STARS_4, "SEV3", "LOW", false, false, 10),
                item("4-star-sev3-critical", PlanLevel.STARS_4, "SEV3", "CRITICAL", false, false, 5),
                item("4-star-sev3-critical-older", PlanLevel.STARS_4, "SEV3", "CRITICAL", false, false, 50),
                item("3-star-sev2-priority", PlanLevel.STARS_3, "SEV2", null, true, false, 2),
                item("5-star-sev2-priority", PlanLevel.STARS_5, "SEV2", null, true, false, 1),
                item("3-star-sev4-escalated", PlanLevel.STARS_3, "SEV4", null, false, true, 20),
                item("no-plan-sev3", null, "SEV3", null, false, false, 400)));
        List<String> expected = List.of(
                "5-star-sev2-priority", // priority, and the best plan
                "3-star-sev2-priority", // priority: before every standard ticket whatever their plan
                "3-star-sev4-escalated", // escalated counts as priority; SEV4 after SEV2 within the 3-star ones
                "new-5-star-sev4", // then the plan level: five stars before four, even a newer, less severe ticket
                "4-star-sev3-critical-older", // same plan and severity: the customer's urgency, then arrival
                "4-star-sev3-critical",
                "4-star-sev3",
                "no-plan-sev3", // no plan level is three stars; same severity, no urgency: arrival
                "old-3-star-sev3");
        assertThat(order(items)).containsExactlyElementsOf(expected);
        // the order depends on the tickets only, not on the order they came in
        for (long seed = 1; seed <= 20; seed++) {
            Collections.shuffle(items, new Random(seed));
            assertThat(order(items)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void eachLineCarriesItsPlaceTheTimeLeftAndWhy() {
        List<WorkQueue.Line> lines = WorkQueue.order(
                List.of(
                        item("a", PlanLevel.STARS_5, "SEV3", "SERIOUS", false, false, 5),
                        item("b", PlanLevel.STARS_3, "SEV3", null, false, false, 5)),
                NOW,
                1);
        assertThat(lines).hasSize(1);
        WorkQueue.Line a = lines.get(0);
        assertThat(a.position()).isEqualTo(1);
        assertThat(a.secondsLeft()).isEqualTo(1800);
        assertThat(a.why())
                .isEqualTo("standard handling, 5-star plan, SEV3 (customer urgency serious), opened "
                        + NOW.minusSeconds(300));
    }

    @Test
    void theKeyOnEachRowSortsLikeTheAgreedOrder() {
        Random random = new Random(31);
        String[] severities = {"SEV1", "SEV2", "SEV3", "SEV4", null};
        String[] urgencies = {"CRITICAL", "SERIOUS", "LOW", "NONE", null};
        for (int round = 0; round < 200; round++) {
            List<WorkQueue.Item> items = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                WorkQueue.Item x = item(
                        "t-" + random.nextInt(1000),
                        random.nextInt(4) == 0 ? null : PlanLevel.values()[random.nextInt(3)],
                        severities[random.nextInt(severities.length)],
                        urgencies[random.nextInt(urgencies.length)],
                        random.nextBoolean(),
                        random.nextInt(5) == 0,
                        random.nextInt(20));
                // arrivals a microsecond apart, and some at the same instant
                Instant at = x.openedAt().plusNanos(1000L * random.nextInt(3));
                items.add(new WorkQueue.Item(
                        x.ticketId(),
                        x.reference(),
                        x.accountId(),
                        x.accountName(),
                        x.planLevel(),
                        x.severity(),
                        x.urgency(),
                        x.priority(),
                        x.escalated(),
                        x.status(),
                        x.level(),
                        x.title(),
                        x.application(),
                        x.nonStandard(),
                        x.breached(),
                        at,
                        x.clock(),
                        x.deadline()));
            }
            List<WorkQueue.Item> byOrder =
                    items.stream().sorted(WorkQueue.ORDER).toList();
            List<WorkQueue.Item> byKey = items.stream()
                    .sorted(java.util.Comparator.comparing((WorkQueue.Item x) -> QueueKey.of(
                            x.priority() || x.escalated(),
                            x.planLevel() == null ? null : x.planLevel().name(),
                            x.severity(),
                            x.urgency(),
                            x.openedAt(),
                            x.ticketId())))
                    .toList();
            assertThat(byKey).as("round %d", round).isEqualTo(byOrder);
        }
    }
}
