package com.supportdesk.sla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.testing.TestEvents;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.sla.clock.SlaClock;
import com.supportdesk.sla.config.SlaCatalog;
import com.supportdesk.sla.policy.SlaPolicies;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.support.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine alone, on a work set in memory (no database, no broker): the order of a ticket's events, the wait for
 * its account, and what it queues on sla-events. Clock arithmetic itself is ClockRulesTest's.
 */
class SlaEngineTest {

    static final Calendars CALENDARS = Calendars.shipped();
    static final SlaCatalog CATALOG =
            new SlaCatalog(CALENDARS, SlaPolicies.load(List.of("standard"), Optional.empty(), CALENDARS), "standard");
    static final SlaEngine ENGINE = new SlaEngine(CATALOG, "EUROPE");

    /** Tuesday 2026-03-03 09:00 in Brussels: inside the Europe calendar's hours. */
    static final Instant OPENED = Instant.parse("2026-03-03T08:00:00Z");

    static final String TICKET = "t-1";
    static final String ACCOUNT = "acme";

    static SlaStore.AccountRow account() {
        return new SlaStore.AccountRow(ACCOUNT, "EUROPE", "standard", OPENED.minus(Duration.ofDays(1)));
    }

    static WorkSet withAccount() {
        return new WorkSet(Map.of(), Map.of(), Map.of(), Map.of(ACCOUNT, account()));
    }

    static TicketOpened opened(Severity severity) {
        return TestEvents.opened(TICKET, ACCOUNT)
                .severity(severity)
                .priority(false)
                .title("Checkout is slow")
                .application("webshop")
                .at(OPENED)
                .build();
    }

    static TicketAcknowledged acknowledged(Instant at) {
        return new TicketAcknowledged(TICKET, ACCOUNT, Severity.SEV2, "on it", OPENED, "alice", at);
    }

    static SlaEngine.Outcome apply(WorkSet ws, long sequence, Object event, Instant at) {
        CloudEvent envelope = new CloudEvent(
                "e-" + sequence,
                Catalog.of(event.getClass()).type(),
                "ticket-service",
                TICKET,
                at,
                sequence,
                ACCOUNT,
                event);
        return ENGINE.apply(ws, envelope, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    static List<String> types(List<Outbox.Outgoing> out) {
        return out.stream().map(o -> o.headers().get("ce_type")).toList();
    }

    @Test
    void anOpeningStartsBothClocksAndAnnouncesThemInSequence() {
        WorkSet ws = withAccount();

        assertThat(apply(ws, 0, opened(Severity.SEV2), OPENED)).isEqualTo(SlaEngine.Outcome.APPLIED);

        assertThat(ws.changedClocks())
                .extracting(SlaClock::kind)
                .containsExactlyInAnyOrder(ClockKind.RESPONSE, ClockKind.RESOLUTION);
        assertThat(ws.changedClocks()).allSatisfy(c -> {
            assertThat(c.deadline()).isAfter(OPENED);
            assertThat(c.nextDue()).isAfter(OPENED).isBeforeOrEqualTo(c.deadline());
        });
        assertThat(ws.outgoing()).isNotEmpty().allSatisfy(o -> {
            assertThat(o.topic()).isEqualTo(Topics.SLA_EVENTS);
            assertThat(o.key()).isEqualTo(TICKET);
        });
        assertThat(types(ws.outgoing())).containsOnly("support.sla.clock-started.v1");
        assertThat(ws.outgoing())
                .extracting(o -> o.headers().get("ce_sequence"))
                .containsExactly("1", "2");
        assertThat(ws.changedTickets().get(TICKET).lastSequence()).isZero();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        WorkSet ws = withAccount();
        apply(ws, 0, opened(Severity.SEV2), OPENED);
        int queued = ws.outgoing().size();

        assertThat(apply(ws, 0, opened(Severity.SEV2), OPENED)).isEqualTo(SlaEngine.Outcome.DUPLICATE);

        assertThat(ws.outgoing()).hasSize(queued);
    }

    @Test
    void anEventAheadOfAGapIsHeldAndAppliedWhenTheGapIsFilled() {
        WorkSet ws = withAccount();
        Instant ackAt = OPENED.plus(Duration.ofMinutes(10));

        assertThat(apply(ws, 1, acknowledged(ackAt), ackAt)).isEqualTo(SlaEngine.Outcome.PARKED);
        assertThat(ws.newlyParked()).extracting(p -> p.sequence()).containsExactly(1L);
        assertThat(ws.changedClocks()).isEmpty();

        assertThat(apply(ws, 0, opened(Severity.SEV2), OPENED)).isEqualTo(SlaEngine.Outcome.APPLIED);

        assertThat(ws.changedTickets().get(TICKET).lastSequence())
                .as("the held event applied too")
                .isEqualTo(1);
        assertThat(ws.unparked()).extracting(p -> p.sequence()).containsExactly(1L);
        assertThat(types(ws.outgoing())).contains("support.sla.met.v1");
    }

    @Test
    void anOpeningForAnAccountNotSeenYetWaitsForIt() {
        WorkSet ws = WorkSet.empty();

        assertThat(apply(ws, 0, opened(Severity.SEV2), OPENED)).isEqualTo(SlaEngine.Outcome.WAITING);

        assertThat(ws.newlyWaiting()).containsEntry(TICKET, ACCOUNT);
        assertThat(ws.changedClocks()).isEmpty();
        assertThat(ws.outgoing()).isEmpty();
    }

    @Test
    void whatFallsDueFiresOnceWithTheNextSequenceAndAnIdDerivedFromIt() {
        WorkSet ws = withAccount();
        apply(ws, 0, opened(Severity.SEV1), OPENED);
        SlaClock response = ws.changedClocks().stream()
                .filter(c -> c.kind() == ClockKind.RESPONSE)
                .findFirst()
                .orElseThrow();
        WorkSet later = new WorkSet(
                ws.changedTickets(),
                Map.of(TICKET, Map.of(ClockKind.RESPONSE, response)),
                Map.of(),
                Map.of(ACCOUNT, account()));

        ENGINE.fireDue(later, TICKET, response.deadline());

        // both warnings (75 % and 90 % of the target) were due too: each fires, in order, then the breach
        assertThat(types(later.outgoing()))
                .containsExactly("support.sla.warning.v1", "support.sla.warning.v1", "support.sla.breached.v1");
        assertThat(later.outgoing())
                .extracting(o -> o.headers().get("ce_sequence"))
                .as("the ticket's sla-events sequence goes on after the two clock-started events")
                .containsExactly("3", "4", "5");
        String breachId =
                later.outgoing().get(later.outgoing().size() - 1).headers().get("ce_id");

        // the same firing again (a crash before the commit) announces the breach under the same id
        WorkSet again = new WorkSet(
                ws.changedTickets(),
                Map.of(TICKET, Map.of(ClockKind.RESPONSE, response)),
                Map.of(),
                Map.of(ACCOUNT, account()));
        ENGINE.fireDue(again, TICKET, response.deadline());
        assertThat(again.outgoing().get(again.outgoing().size() - 1).headers().get("ce_id"))
                .isEqualTo(breachId);

        // and nothing more is due at the deadline once it fired
        SlaClock fired = later.changedClocks().stream()
                .filter(c -> c.kind() == ClockKind.RESPONSE)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(fired.breached()).isTrue();
        assertThat(fired.nextDue()).isNull();
    }
}
