package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.MaintenanceCancelled;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.contract.event.OutageEnded;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.SlaMissed;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketPutOnHold;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.event.TicketResumed;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.ResolutionKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.testing.TestEvents;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.reporting.model.OutageRecord;
import com.supportdesk.reporting.model.TicketRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How each event changes a row of the read model, without a database: the rules the projector and rebuild share. */
class ReadModelFoldTest {
    static final String T = "t-1";
    static final String A = "acc-1";
    static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");

    static CloudEvent event(Long sequence, Object data) {
        return new CloudEvent(
                UUID.randomUUID().toString(), Catalog.of(data.getClass()).type(), "test", T, AT, sequence, A, data);
    }

    static Instant at(int minutes) {
        return AT.plusSeconds(60L * minutes);
    }

    static TicketRecord apply(TicketRecord t, CloudEvent... events) {
        for (CloudEvent e : events) {
            if (!ReadModelFold.stale(e, t)) {
                ReadModelFold.ticket(t, e);
            }
        }
        return t;
    }

    static TicketOpened opened() {
        return TestEvents.opened(T, A)
                .severity(Severity.SEV2)
                .priority(false)
                .application("webshop")
                .at(AT)
                .build();
    }

    @Test
    void aTicketsRowFollowsItsLifecycleAndItsClocks() {
        TicketRecord t = apply(
                ReadModelFold.newTicket(T),
                event(0L, opened()),
                event(
                        null,
                        new ClockStarted(
                                T,
                                A,
                                ClockKind.RESPONSE,
                                "standard",
                                "europe",
                                Severity.SEV2,
                                Duration.ofHours(2),
                                Duration.ZERO,
                                at(120),
                                AT)),
                event(1L, new TicketAcknowledged(T, A, Severity.SEV2, null, AT, "alice", at(30))),
                event(
                        null,
                        new SlaMet(
                                T,
                                A,
                                ClockKind.RESPONSE,
                                "standard",
                                "europe",
                                Severity.SEV2,
                                Duration.ofHours(2),
                                Duration.ofMinutes(30),
                                at(120),
                                at(30))),
                event(
                        2L,
                        new TicketEscalated(
                                T,
                                A,
                                EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                                Severity.SEV2,
                                "slow",
                                null,
                                "alice",
                                at(40))),
                event(
                        3L,
                        new TicketEscalated(
                                T,
                                A,
                                EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                                Severity.SEV2,
                                "again",
                                null,
                                "alice",
                                at(41))),
                event(4L, new TicketPutOnHold(T, A, "logs", "eric", at(50))));

        assertThat(t.reference).isEqualTo("TKT-000001");
        assertThat(t.status).isEqualTo("ON_HOLD");
        assertThat(t.responseDeadline).isEqualTo(at(120));
        assertThat(t.responseOutcome).isEqualTo("MET");
        assertThat(t.responseBusinessSeconds).isEqualTo(1800);
        assertThat(t.escalated).isTrue();
        assertThat(t.escalatedTo).isEqualTo("STRATEGIC_ACCOUNT_MANAGER"); // once, however often escalated
        assertThat(t.lastSequence).isEqualTo(4);

        // a follow-up clock (a customer's message waiting for an answer) is no figure of the ticket's row
        apply(
                t,
                event(
                        null,
                        new ClockStarted(
                                T,
                                A,
                                ClockKind.FOLLOW_UP,
                                "tiered-1",
                                "always-open",
                                Severity.SEV2,
                                Duration.ofHours(1),
                                Duration.ZERO,
                                at(500),
                                at(45))),
                event(
                        null,
                        new SlaMissed(
                                T,
                                A,
                                ClockKind.FOLLOW_UP,
                                "tiered-1",
                                "always-open",
                                Severity.SEV2,
                                Duration.ofHours(1),
                                Duration.ofHours(2),
                                at(500),
                                at(46))));
        assertThat(t.responseDeadline).isEqualTo(at(120));
        assertThat(t.responseOutcome).isEqualTo("MET");
        assertThat(t.resolutionDeadline).isNull();
        assertThat(t.resolutionOutcome).isNull();

        apply(
                t,
                event(5L, new TicketResumed(T, A, "eric", at(60))),
                event(6L, new TicketResolved(T, A, ResolutionKind.FIXED, "patched", Severity.SEV2, "eric", at(70))));
        assertThat(t.status).isEqualTo("RESOLVED");
        assertThat(t.resolvedAt).isEqualTo(at(70));
        apply(t, event(7L, new ResolutionRejected(T, A, "still slow", "ann", at(80))));
        assertThat(t.status).isEqualTo("ACKNOWLEDGED");
        assertThat(t.resolvedAt).isNull();
        apply(
                t,
                event(
                        null,
                        new SlaMissed(
                                T,
                                A,
                                ClockKind.RESOLUTION,
                                "standard",
                                "europe",
                                Severity.SEV2,
                                Duration.ofHours(8),
                                Duration.ofHours(9),
                                at(480),
                                at(540))),
                event(8L, new TicketClosed(T, A, ClosureReason.CLOSED_BY_SUPPORT, "alice", at(600))));
        assertThat(t.breached).isTrue();
        assertThat(t.resolutionOutcome).isEqualTo("MISSED");
        assertThat(t.status).isEqualTo("CLOSED");
        assertThat(t.closedAt).isEqualTo(at(600));
    }

    @Test
    void anEventWhosePlaceInTheSequenceIsTakenChangesNothing() {
        TicketRecord t = apply(
                ReadModelFold.newTicket(T),
                event(0L, opened()),
                event(1L, new TicketAcknowledged(T, A, Severity.SEV2, null, AT, "alice", at(30))));
        CloudEvent late = event(1L, new TicketClosed(T, A, ClosureReason.CLOSED_BY_SUPPORT, "mallory", at(31)));
        assertThat(ReadModelFold.stale(late, t)).isTrue();
        apply(t, late);
        assertThat(t.status).isEqualTo("ACKNOWLEDGED");
        // SLA events carry no ticket sequence and are never stale
        assertThat(ReadModelFold.stale(
                        event(
                                null,
                                new SlaBreached(
                                        T,
                                        A,
                                        ClockKind.RESPONSE,
                                        "standard",
                                        "europe",
                                        Severity.SEV2,
                                        Duration.ofHours(2),
                                        Duration.ofHours(2),
                                        at(120),
                                        at(120))),
                        t))
                .isFalse();
    }

    @Test
    void outagesAndMaintenanceWindows() {
        OutageRecord o = ReadModelFold.newOutage("o-1");
        ReadModelFold.outage(
                o, new OutageDeclared("o-1", "webshop", List.of(A, "acc-2"), at(0), "down", "olga", at(0)));
        assertThat(o.affectedAccounts).isEqualTo(A + ",acc-2");
        assertThat(o.endedAt).isNull();
        ReadModelFold.outage(
                o, new OutageEnded("o-1", "webshop", List.of(A, "acc-2"), at(0), at(45), "fixed", "olga", at(45)));
        assertThat(o.endedAt).isEqualTo(at(45));
        assertThat(o.planned).isFalse();

        OutageRecord m = ReadModelFold.newOutage("m-1");
        ReadModelFold.outage(
                m,
                new MaintenanceScheduled(
                        "m-1", "billing", List.of(), at(1000), at(1120), false, "upgrade", "olga", at(0)));
        assertThat(m.planned).isTrue();
        assertThat(m.startedAt).isEqualTo(at(1000));
        assertThat(m.endedAt).isEqualTo(at(1120));
        ReadModelFold.outage(m, new MaintenanceCancelled("m-1", "billing", List.of(), "postponed", "olga", at(10)));
        assertThat(m.cancelled).isTrue();
    }

    @Test
    void whichRowAnEventChanges() {
        assertThat(ReadModelFold.target(opened())).isEqualTo(new ReadModelFold.Target(ReadModelFold.Kind.TICKET, T));
        assertThat(ReadModelFold.target(new OutageDeclared("o-1", "webshop", List.of(), AT, "down", "olga", AT)))
                .isEqualTo(new ReadModelFold.Target(ReadModelFold.Kind.OUTAGE, "o-1"));
    }
}
