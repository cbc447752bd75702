package com.supportdesk.ticket.command;

import com.supportdesk.contract.command.CancelMaintenance;
import com.supportdesk.contract.command.DeclareOutage;
import com.supportdesk.contract.command.EndOutage;
import com.supportdesk.contract.command.ScheduleMaintenance;
import com.supportdesk.contract.event.MaintenanceCancelled;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.contract.event.OutageEnded;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutageTest {
    static final Instant NOW = Instant.parse("2026-03-30T08:15:00Z");
    static final MetaData OPS = new Actor("ops-1", Set.of("ops"), null).toMetaData();
    AggregateTestFixture<Outage> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Outage.class);
        fixture.registerCommandTargetResolver(new CommandTargets());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anOutageIsDeclaredAndEndsOnce() {
        Instant start = NOW.minusSeconds(2700);
        fixture.givenNoPriorActivity()
                .when(new DeclareOutage("o-1", "billing", null, start, "API errors"), OPS)
                .expectEvents(new OutageDeclared("o-1", "billing", List.of(), start, "API errors", "ops-1", NOW));
        var declared = new OutageDeclared("o-1", "billing", List.of("acc-1"), start, "API errors", "ops-1", NOW);
        fixture.given(declared)
                .when(new EndOutage("o-1", NOW, "fixed"), OPS)
                .expectEvents(new OutageEnded("o-1", "billing", List.of("acc-1"), start, NOW, "fixed", "ops-1", NOW));
        fixture.given(declared, new OutageEnded("o-1", "billing", List.of("acc-1"), start, NOW, null, "o", NOW))
                .when(new EndOutage("o-1", NOW, null), OPS)
                .expectException(RuleViolation.class);
        fixture.given(declared)
                .when(new EndOutage("o-1", start.minusSeconds(1), null), OPS)
                .expectException(RuleViolation.class);
    }

    @Test
    void anUnplannedOutageCannotStartInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new DeclareOutage("o-1", "billing", null, NOW.plusSeconds(60), "soon"), OPS)
                .expectException(RuleViolation.class);
    }

    @Test
    void maintenanceIsScheduledWithANonEmptyWindowAndCanBeCancelled() {
        Instant from = NOW.plusSeconds(86_400 * 20);
        fixture.givenNoPriorActivity()
                .when(
                        new ScheduleMaintenance(
                                "m-1", "billing", List.of("acc-1"), from, from.plusSeconds(7200), null, "upgrade"),
                        OPS)
                .expectEvents(new MaintenanceScheduled(
                        "m-1",
                        "billing",
                        List.of("acc-1"),
                        from,
                        from.plusSeconds(7200),
                        false,
                        "upgrade",
                        "ops-1",
                        NOW));
        fixture.givenNoPriorActivity()
                .when(new ScheduleMaintenance("m-1", "billing", null, from, from, null, "x"), OPS)
                .expectException(RuleViolation.class);
        fixture.given(new MaintenanceScheduled(
                        "m-1", "billing", List.of(), from, from.plusSeconds(60), false, "x", "o", NOW))
                .when(new CancelMaintenance("m-1", "postponed"), OPS)
                .expectEvents(new MaintenanceCancelled("m-1", "billing", List.of(), "postponed", "ops-1", NOW));
    }
}
