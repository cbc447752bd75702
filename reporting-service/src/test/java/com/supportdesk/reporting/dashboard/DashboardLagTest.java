package com.supportdesk.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consumer lag the live dashboard shows: per group, summed over its topics, the read model's own group first. */
class DashboardLagTest {

    @Test
    void eachGroupsLagIsSummedOverItsTopicsAndTheReadModelsGroupComesFirst() {
        List<DashboardResource.LagLine> lines = DashboardResource.lag(Map.of(
                "sla-service", Map.of("ticket-events", 3L, "account-events", 0L),
                "notification-service", Map.of("ticket-events", 40L, "sla-events", 2L, "escalation-events", 0L),
                "reporting-service", Map.of("ticket-events", 7L, "sla-events", 1L)));

        assertThat(lines)
                .containsExactly(
                        new DashboardResource.LagLine("reporting-service", 8, true),
                        new DashboardResource.LagLine("notification-service", 42, false),
                        new DashboardResource.LagLine("sla-service", 3, false));
    }

    @Test
    void nothingMeasuredYetIsNoLines() {
        assertThat(DashboardResource.lag(Map.of())).isEmpty();
    }
}
