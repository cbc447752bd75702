package com.supportdesk.escalation.rules;

import static com.supportdesk.contract.testing.TestEvents.acknowledged;
import static com.supportdesk.contract.testing.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.event.PriorityHandlingRequested;
import com.supportdesk.contract.event.ResolutionRejected;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketTransferred;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.testing.TestEvents;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What escalation-service's rules know of a ticket, folded from its events without a database. */
class TicketFactsFoldTest {
    static final Instant T0 = TestEvents.AT;

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void theOpeningGivesTheFactsAndAnImpactDefaultsToStandard() {
        TicketOpened o =
                opened("t-1", "acme").severity(Severity.SEV2).impact(null).build();

        TicketFacts f = TicketFactsFold.fold(null, o);

        assertThat(f.ticketId()).isEqualTo("t-1");
        assertThat(f.severity()).isEqualTo(Severity.SEV2);
        assertThat(f.priority()).isTrue();
        assertThat(f.impact()).isEqualTo(Impact.STANDARD);
        assertThat(f.openedAt()).isEqualTo(T0);
        assertThat(f.lastProgressAt()).isEqualTo(T0);
        assertThat(f.levelSince()).isEqualTo(T0);
        assertThat(f.active()).isTrue();
    }

    @Test
    void supportsWorkIsProgressButTheCustomersOwnRequestIsNot() {
        TicketOpened o = opened("t-1", "acme").build();
        TicketFacts f = TicketFactsFold.fold(null, o);

        TicketFacts asked = TicketFactsFold.fold(
                f, new PriorityHandlingRequested("t-1", "acme", Severity.SEV3, "go-live", "ann", at(30)));
        assertThat(asked.lastProgressAt()).isEqualTo(T0);

        TicketFacts answered = TicketFactsFold.fold(asked, acknowledged(o, "eve", at(45)));
        assertThat(answered.acknowledged()).isTrue();
        assertThat(answered.lastProgressAt()).isEqualTo(at(45));
    }

    @Test
    void aTransferMovesTheLevelAndRestartsItsTimeAnEscalationIsRememberedOnce() {
        TicketOpened o = opened("t-1", "acme").build();
        TicketFacts f = TicketFactsFold.fold(null, o);

        f = TicketFactsFold.fold(
                f, new TicketTransferred("t-1", "acme", SupportLevel.L1, SupportLevel.L2, "needs L2", "eve", at(60)));
        assertThat(f.level()).isEqualTo(SupportLevel.L2);
        assertThat(f.levelSince()).isEqualTo(at(60));

        TicketEscalated toSam = new TicketEscalated(
                "t-1",
                "acme",
                EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                Severity.SEV3,
                "breach",
                "priority-breach",
                "svc",
                at(70));
        f = TicketFactsFold.fold(TicketFactsFold.fold(f, toSam), toSam);
        assertThat(f.escalatedTo()).containsExactly(EscalationTarget.STRATEGIC_ACCOUNT_MANAGER);
    }

    @Test
    void aRejectedResolutionMakesTheTicketActiveAgainAndClosingEndsIt() {
        TicketOpened o = opened("t-1", "acme").build();
        TicketFacts f = TicketFactsFold.fold(null, o);

        f = TicketFactsFold.fold(f, TestEvents.resolved(o, "eve", at(10)));
        assertThat(f.active()).isFalse();
        f = TicketFactsFold.fold(f, new ResolutionRejected("t-1", "acme", "still broken", "ann", at(20)));
        assertThat(f.active()).isTrue();
        f = TicketFactsFold.fold(f, TestEvents.closed(o, "ann", at(30)));
        assertThat(f.closed()).isTrue();
        assertThat(f.active()).isFalse();
    }
}
