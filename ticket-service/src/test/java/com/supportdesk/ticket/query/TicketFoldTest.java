package com.supportdesk.ticket.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.PriorityHandlingGranted;
import com.supportdesk.contract.event.PriorityHandlingRefused;
import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketPutOnHold;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.event.TicketResumed;
import com.supportdesk.contract.event.TicketTransferred;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.ResolutionKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketStatus;
import com.supportdesk.contract.testing.TestEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ticket as its history says, event by event: the fold behind GET /api/tickets/{id}. */
class TicketFoldTest {
    static final String T = "t-1";
    static final String A = "acc-1";
    static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");

    static Instant at(int minutes) {
        return AT.plusSeconds(60L * minutes);
    }

    static TicketOpened opened() {
        return TestEvents.opened(T, A).application("webshop").at(AT).build();
    }

    @Test
    void anOpenedTicketIsOpenWithWhatItWasOpenedWith() {
        TicketView v = TicketFold.fold(List.of(opened()), 0);
        assertThat(v.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(v.reference()).isEqualTo("TKT-000001");
        assertThat(v.severity()).isEqualTo(Severity.SEV3);
        assertThat(v.level()).isEqualTo(SupportLevel.L1);
        assertThat(v.priority()).isFalse();
        assertThat(v.version()).isZero();
    }

    @Test
    void theWholeLifecycleFoldsInOrder() {
        List<Object> history = new ArrayList<>(List.of(
                opened(),
                new TicketAcknowledged(T, A, Severity.SEV3, null, AT, "alice", at(10)),
                new SeverityReclassified(T, A, Severity.SEV3, Severity.SEV2, false, "more users", "alice", at(20)),
                new PriorityHandlingRequested(T, A, Severity.SEV2, "board meeting", "dora", at(30))));
        assertThat(TicketFold.fold(history, 3).priorityRequested()).isTrue();

        history.add(new PriorityHandlingGranted(T, A, "rule", "escalation-service", at(31)));
        history.add(
                new TicketTransferred(T, A, SupportLevel.L1, SupportLevel.L2, "needs an engineer", "alice", at(40)));
        history.add(new TicketEscalated(
                T, A, EscalationTarget.STRATEGIC_ACCOUNT_MANAGER, Severity.SEV2, "slow", null, "alice", at(45)));
        history.add(new MessageAdded(T, A, "m-1", "Any news?", true, "ann", at(50)));
        history.add(new TicketPutOnHold(T, A, "waiting for logs", "eric", at(60)));
        TicketView onHold = TicketFold.fold(history, 9);
        assertThat(onHold.status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
        assertThat(onHold.priority()).isTrue();
        assertThat(onHold.priorityRequested()).isFalse();
        assertThat(onHold.severity()).isEqualTo(Severity.SEV2);
        assertThat(onHold.level()).isEqualTo(SupportLevel.L2);
        assertThat(onHold.escalations()).containsExactly(EscalationTarget.STRATEGIC_ACCOUNT_MANAGER);
        assertThat(onHold.messages()).extracting(TicketView.Message::body).containsExactly("Any news?");
        assertThat(onHold.acknowledgedAt()).isEqualTo(at(10));

        history.add(new TicketResumed(T, A, "eric", at(70)));
        history.add(new TicketResolved(T, A, ResolutionKind.FIXED, "patched", Severity.SEV2, "eric", at(80)));
        TicketView resolved = TicketFold.fold(history, 11);
        assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(resolved.resolution()).isEqualTo(ResolutionKind.FIXED);
        assertThat(resolved.resolvedAt()).isEqualTo(at(80));
        assertThat(resolved.solution()).isEqualTo("patched");

        // a rejected resolution takes the ticket back to work and forgets the resolution
        history.add(new ResolutionRejected(T, A, "still slow", "ann", at(90)));
        TicketView rejected = TicketFold.fold(history, 12);
        assertThat(rejected.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(rejected.resolution()).isNull();
        assertThat(rejected.resolvedAt()).isNull();
        assertThat(rejected.solution())
                .as("the rejected solution is no longer the answer")
                .isNull();

        history.add(new TicketResolved(T, A, ResolutionKind.WORKAROUND, "cache", Severity.SEV2, "eric", at(100)));
        history.add(new TicketClosed(T, A, ClosureReason.CLOSED_BY_SUPPORT, "alice", at(110)));
        TicketView closed = TicketFold.fold(history, 14);
        assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(closed.closure()).isEqualTo(ClosureReason.CLOSED_BY_SUPPORT);
        assertThat(closed.closedAt()).isEqualTo(at(110));
        assertThat(closed.resolution()).isEqualTo(ResolutionKind.WORKAROUND);
        assertThat(closed.solution())
                .as("the solution stays readable once closed")
                .isEqualTo("cache");
        assertThat(closed.version()).isEqualTo(14);
    }

    @Test
    void aRefusedPriorityRequestIsNoLongerPendingAndGivesNoPriority() {
        TicketView v = TicketFold.fold(
                List.of(
                        opened(),
                        new PriorityHandlingRequested(T, A, Severity.SEV3, "please", "dora", at(5)),
                        new PriorityHandlingRefused(T, A, "outside support hours", "escalation-service", at(6))),
                2);
        assertThat(v.priorityRequested()).isFalse();
        assertThat(v.priority()).isFalse();
    }
}
