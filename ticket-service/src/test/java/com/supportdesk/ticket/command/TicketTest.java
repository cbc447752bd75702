package com.supportdesk.ticket.command;

import com.supportdesk.contract.command.*;
import com.supportdesk.contract.event.*;
import com.supportdesk.contract.model.*;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given/when/expect for every ticket command: the state machine of docs/domain.md, with no infrastructure. */
class TicketTest {

    static final Instant NOW = Instant.parse("2026-03-30T08:15:00Z");
    static final String ID = "t-1";
    static final String ACC = "acc-1";
    static final MetaData AGENT = new Actor("agent-7", Set.of("agent"), null).toMetaData();
    static final MetaData CUSTOMER = new Actor("cust-1", Set.of("customer"), ACC).toMetaData();

    AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerCommandTargetResolver(new CommandTargets());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((ReferenceNumbers) () -> "TKT-000042");
    }

    static TicketOpened opened(Severity severity) {
        return new TicketOpened(
                ID,
                ACC,
                "TKT-000042",
                TicketKind.INCIDENT,
                severity,
                Impact.STANDARD,
                null,
                severity.priorityByDefault(),
                SupportLevel.L1,
                "Checkout down",
                "Every order fails",
                null,
                null,
                "cust-1",
                NOW.minusSeconds(3600));
    }

    static TicketAcknowledged acknowledged() {
        return new TicketAcknowledged(
                ID, ACC, Severity.SEV3, null, NOW.minusSeconds(3600), "agent-7", NOW.minusSeconds(1800));
    }

    static TicketResolved resolved() {
        return new TicketResolved(ID, ACC, ResolutionKind.FIXED, "Patched", Severity.SEV3, "agent-7", NOW);
    }

    static TicketClosed closed() {
        return new TicketClosed(ID, ACC, ClosureReason.CLOSED_BY_SUPPORT, "agent-7", NOW);
    }

    @Test
    void openingGivesAReferenceAndMakesSev1And2PriorityByDefault() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenTicket(
                                ID,
                                ACC,
                                TicketKind.INCIDENT,
                                Severity.SEV2,
                                null,
                                null,
                                "Checkout down",
                                "Every order fails",
                                "shop",
                                null),
                        CUSTOMER)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TicketOpened(
                        ID,
                        ACC,
                        "TKT-000042",
                        TicketKind.INCIDENT,
                        Severity.SEV2,
                        Impact.STANDARD,
                        null,
                        true,
                        SupportLevel.L1,
                        "Checkout down",
                        "Every order fails",
                        "shop",
                        null,
                        "cust-1",
                        NOW));
    }

    @Test
    void aSev3TicketIsNotPriorityByDefault() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenTicket(
                                ID,
                                ACC,
                                TicketKind.SERVICE_REQUEST,
                                Severity.SEV3,
                                Impact.CRITICAL,
                                Urgency.LOW,
                                "How to export",
                                "Where is the button",
                                null,
                                null),
                        CUSTOMER)
                .expectEvents(new TicketOpened(
                        ID,
                        ACC,
                        "TKT-000042",
                        TicketKind.SERVICE_REQUEST,
                        Severity.SEV3,
                        Impact.CRITICAL,
                        Urgency.LOW,
                        false,
                        SupportLevel.L1,
                        "How to export",
                        "Where is the button",
                        null,
                        null,
                        "cust-1",
                        NOW));
    }

    @Test
    void acknowledgingRecordsTheFirstResponseOnce() {
        fixture.given(opened(Severity.SEV3))
                .when(new AcknowledgeTicket(ID, "on it"), AGENT)
                .expectEvents(new TicketAcknowledged(
                        ID, ACC, Severity.SEV3, "on it", NOW.minusSeconds(3600), "agent-7", NOW));
        fixture.given(opened(Severity.SEV3), acknowledged())
                .when(new AcknowledgeTicket(ID, null), AGENT)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already acknowledged"));
    }

    @Test
    void reclassificationFollowsPriorityAndRefusesTheSameSeverity() {
        fixture.given(opened(Severity.SEV3))
                .when(new ReclassifySeverity(ID, Severity.SEV1, "production down"), AGENT)
                .expectEvents(new SeverityReclassified(
                        ID, ACC, Severity.SEV3, Severity.SEV1, true, "production down", "agent-7", NOW));
        fixture.given(opened(Severity.SEV3))
                .when(new ReclassifySeverity(ID, Severity.SEV3, null), AGENT)
                .expectException(RuleViolation.class);
    }

    @Test
    void lowerSeverityAfterAGrantStaysPriority() {
        fixture.given(opened(Severity.SEV3), new PriorityHandlingGranted(ID, ACC, null, "escalation-service", NOW))
                .when(new ReclassifySeverity(ID, Severity.SEV4, null), AGENT)
                .expectEvents(
                        new SeverityReclassified(ID, ACC, Severity.SEV3, Severity.SEV4, true, null, "agent-7", NOW));
    }

    @Test
    void severityReviewIsRecorded() {
        fixture.given(opened(Severity.SEV3))
                .when(new RequestSeverityReview(ID, Severity.SEV2, "more users hit"), CUSTOMER)
                .expectEvents(new SeverityReviewRequested(
                        ID, ACC, Severity.SEV3, Severity.SEV2, "more users hit", "cust-1", NOW));
    }

    @Test
    void messagesAreAllowedUntilResolutionAndRecordedOnce() {
        fixture.given(opened(Severity.SEV3))
                .when(new AddMessage(ID, "m-1", "Any news?"), CUSTOMER)
                .expectEvents(new MessageAdded(ID, ACC, "m-1", "Any news?", true, "cust-1", NOW));
        fixture.given(opened(Severity.SEV3), new MessageAdded(ID, ACC, "m-1", "Any news?", true, "cust-1", NOW))
                .when(new AddMessage(ID, "m-1", "Any news?"), CUSTOMER)
                .expectNoEvents();
        fixture.given(opened(Severity.SEV3), acknowledged(), resolved())
                .when(new AddMessage(ID, "m-2", "Thanks"), CUSTOMER)
                .expectException(RuleViolation.class);
    }

    @Test
    void aClosedTicketAcceptsNoMessageAndCannotBeReopened() {
        fixture.given(opened(Severity.SEV3), acknowledged(), resolved(), closed())
                .when(new AddMessage(ID, "m-3", "Still broken"), CUSTOMER)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("cannot be reopened"));
        fixture.given(opened(Severity.SEV3), acknowledged(), resolved(), closed())
                .when(new RejectResolution(ID, "still broken"), CUSTOMER)
                .expectException(RuleViolation.class);
    }

    @Test
    void priorityHandlingCanBeRequestedOnceForANonPriorityTicket() {
        fixture.given(opened(Severity.SEV3))
                .when(new RequestPriorityHandling(ID, "board meeting"), CUSTOMER)
                .expectEvents(new PriorityHandlingRequested(ID, ACC, Severity.SEV3, "board meeting", "cust-1", NOW));
        fixture.given(opened(Severity.SEV1))
                .when(new RequestPriorityHandling(ID, null), CUSTOMER)
                .expectException(RuleViolation.class);
        fixture.given(opened(Severity.SEV3), new PriorityHandlingRequested(ID, ACC, Severity.SEV3, null, "c", NOW))
                .when(new RequestPriorityHandling(ID, null), CUSTOMER)
                .expectException(RuleViolation.class);
    }

    @Test
    void aPendingPriorityRequestIsGrantedOrRefusedWithAReason() {
        var requested = new PriorityHandlingRequested(ID, ACC, Severity.SEV3, null, "cust-1", NOW);
        fixture.given(opened(Severity.SEV3), requested)
                .when(new RefusePriorityHandling(ID, "outside support hours"), AGENT)
                .expectEvents(new PriorityHandlingRefused(ID, ACC, "outside support hours", "agent-7", NOW));
        fixture.given(opened(Severity.SEV3), requested)
                .when(new GrantPriorityHandling(ID, "within hours"), AGENT)
                .expectEvents(new PriorityHandlingGranted(ID, ACC, "within hours", "agent-7", NOW));
        fixture.given(opened(Severity.SEV3))
                .when(new RefusePriorityHandling(ID, "no"), AGENT)
                .expectException(RuleViolation.class);
    }

    @Test
    void transfersMoveOneLevelAtATimeOrBackToTheServiceDesk() {
        fixture.given(opened(Severity.SEV3), acknowledged())
                .when(new TransferTicket(ID, SupportLevel.L2, "needs an engineer"), AGENT)
                .expectEvents(new TicketTransferred(
                        ID, ACC, SupportLevel.L1, SupportLevel.L2, "needs an engineer", "agent-7", NOW));
        fixture.given(opened(Severity.SEV3), acknowledged())
                .when(new TransferTicket(ID, SupportLevel.L3, null), AGENT)
                .expectException(RuleViolation.class);
        fixture.given(opened(Severity.SEV3))
                .when(new TransferTicket(ID, SupportLevel.L2, null), AGENT)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("acknowledged"));
        fixture.given(
                        opened(Severity.SEV3),
                        acknowledged(),
                        new TicketTransferred(ID, ACC, SupportLevel.L1, SupportLevel.L2, null, "a", NOW),
                        new TicketTransferred(ID, ACC, SupportLevel.L2, SupportLevel.L3, null, "a", NOW))
                .when(new TransferTicket(ID, SupportLevel.L1, "back to desk"), AGENT)
                .expectEvents(new TicketTransferred(
                        ID, ACC, SupportLevel.L3, SupportLevel.L1, "back to desk", "agent-7", NOW));
    }

    @Test
    void escalationToTheSameTargetHappensOnce() {
        fixture.given(opened(Severity.SEV1))
                .when(
                        new EscalateTicket(ID, EscalationTarget.STRATEGIC_ACCOUNT_MANAGER, "breach", "sam-on-breach"),
                        AGENT)
                .expectEvents(new TicketEscalated(
                        ID,
                        ACC,
                        EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                        Severity.SEV1,
                        "breach",
                        "sam-on-breach",
                        "agent-7",
                        NOW));
        fixture.given(
                        opened(Severity.SEV1),
                        new TicketEscalated(
                                ID,
                                ACC,
                                EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                                Severity.SEV1,
                                null,
                                null,
                                "x",
                                NOW))
                .when(new EscalateTicket(ID, EscalationTarget.STRATEGIC_ACCOUNT_MANAGER, null, null), AGENT)
                .expectException(RuleViolation.class);
    }

    @Test
    void waitingOnTheCustomerPausesAndResumes() {
        fixture.given(opened(Severity.SEV3), acknowledged())
                .when(new PutTicketOnHold(ID, "need logs"), AGENT)
                .expectEvents(new TicketPutOnHold(ID, ACC, "need logs", "agent-7", NOW));
        fixture.given(opened(Severity.SEV3), acknowledged(), new TicketPutOnHold(ID, ACC, null, "a", NOW))
                .when(new ResumeTicket(ID), AGENT)
                .expectEvents(new TicketResumed(ID, ACC, "agent-7", NOW));
        fixture.given(opened(Severity.SEV3), acknowledged())
                .when(new ResumeTicket(ID), AGENT)
                .expectException(RuleViolation.class);
        fixture.given(opened(Severity.SEV3))
                .when(new PutTicketOnHold(ID, null), AGENT)
                .expectException(RuleViolation.class);
    }

    @Test
    void resolvingNeedsAnAcknowledgedTicket() {
        fixture.given(opened(Severity.SEV3), acknowledged())
                .when(new ResolveTicket(ID, ResolutionKind.FIXED, "Patched"), AGENT)
                .expectEvents(resolved());
        fixture.given(opened(Severity.SEV3))
                .when(new ResolveTicket(ID, ResolutionKind.FIXED, "Patched"), AGENT)
                .expectException(RuleViolation.class);
    }

    @Test
    void theCustomerConfirmsOrRejectsAResolution() {
        fixture.given(opened(Severity.SEV3), acknowledged(), resolved())
                .when(new ConfirmResolution(ID), CUSTOMER)
                .expectEvents(new TicketClosed(ID, ACC, ClosureReason.CONFIRMED_BY_CUSTOMER, "cust-1", NOW));
        fixture.given(opened(Severity.SEV3), acknowledged(), resolved())
                .when(new RejectResolution(ID, "still failing"), CUSTOMER)
                .expectEvents(new ResolutionRejected(ID, ACC, "still failing", "cust-1", NOW));
        fixture.given(opened(Severity.SEV3), acknowledged())
                .when(new ConfirmResolution(ID), CUSTOMER)
                .expectException(RuleViolation.class);
    }

    @Test
    void onlyAResolvedTicketCloses() {
        fixture.given(opened(Severity.SEV3), acknowledged(), resolved())
                .when(new CloseTicket(ID, ClosureReason.AUTO_CLOSED), AGENT)
                .expectEvents(new TicketClosed(ID, ACC, ClosureReason.AUTO_CLOSED, "agent-7", NOW));
        fixture.given(opened(Severity.SEV3))
                .when(new CloseTicket(ID, null), AGENT)
                .expectException(RuleViolation.class);
        fixture.given(opened(Severity.SEV3), acknowledged(), resolved(), closed())
                .when(new CloseTicket(ID, null), AGENT)
                .expectException(RuleViolation.class);
    }

    @Test
    void anOpeningOutsideTheStandardScopeIsFlaggedNotRefused() {
        String reason = "no line of the standard scope of contract standard covers a service request about crm";
        MetaData outOfScope = CUSTOMER.and(Ticket.OUT_OF_SCOPE, reason);
        fixture.givenNoPriorActivity()
                .when(
                        new OpenTicket(
                                ID,
                                ACC,
                                TicketKind.SERVICE_REQUEST,
                                Severity.SEV4,
                                null,
                                null,
                                "Import our contacts",
                                "Please import the attached file",
                                "crm",
                                null),
                        outOfScope)
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new TicketOpened(
                                ID,
                                ACC,
                                "TKT-000042",
                                TicketKind.SERVICE_REQUEST,
                                Severity.SEV4,
                                Impact.STANDARD,
                                null,
                                false,
                                SupportLevel.L1,
                                "Import our contacts",
                                "Please import the attached file",
                                "crm",
                                null,
                                "cust-1",
                                NOW),
                        new TicketScopeFlagged(ID, ACC, true, reason, true, "cust-1", NOW));
    }

    @Test
    void theServiceDeskFlagsAndUnflagsTheScopeWithAReason() {
        fixture.given(opened(Severity.SEV3))
                .when(new FlagScope(ID, true, "data migration is consulting"), AGENT)
                .expectEvents(
                        new TicketScopeFlagged(ID, ACC, true, "data migration is consulting", false, "agent-7", NOW));
        fixture.given(opened(Severity.SEV3), new TicketScopeFlagged(ID, ACC, true, "rule", true, "cust-1", NOW))
                .when(new FlagScope(ID, false, "covered by the 2026 amendment"), AGENT)
                .expectEvents(
                        new TicketScopeFlagged(ID, ACC, false, "covered by the 2026 amendment", false, "agent-7", NOW));
        fixture.given(opened(Severity.SEV3))
                .when(new FlagScope(ID, false, "standard"), AGENT)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already standard"));
        fixture.given(opened(Severity.SEV3), resolved(), closed())
                .when(new FlagScope(ID, true, "late"), AGENT)
                .expectException(RuleViolation.class);
    }

    @Test
    void anInternalNoteIsAllowedInEveryStateAndRecordedOnce() {
        fixture.given(opened(Severity.SEV3), acknowledged(), resolved(), closed())
                .when(new AddInternalNote(ID, "n-1", "Root cause: expired certificate"), AGENT)
                .expectEvents(
                        new InternalNoteAdded(ID, ACC, "n-1", "Root cause: expired certificate", "agent-7", NOW, null));
        fixture.given(
                        opened(Severity.SEV3),
                        new InternalNoteAdded(ID, ACC, "n-1", "Root cause: expired certificate", "agent-7", NOW, null))
                .when(new AddInternalNote(ID, "n-1", "Root cause: expired certificate"), AGENT)
                .expectNoEvents();
    }
}
