package com.supportdesk.notification.engine;

import static com.supportdesk.contract.testing.TestEvents.account;
import static com.supportdesk.contract.testing.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.event.EscalationDecided;
import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.SlaWarning;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketScopeFlagged;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.testing.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What e-mail each kind of ticket, SLA and escalation event causes, and to whom: no database, no templates. */
class TicketNoticesTest {
    static final TestEvents.Account ACME = account("acme").language(SupportLanguage.FR);
    static final AccountProfile PROFILE = ACME.profile();
    static final Instant AT = TestEvents.AT;

    final TicketNotices notices = new TicketNotices(
            new Recipients(Map.of(EscalationTarget.SUPPORT_MANAGEMENT, "Support.Management@Vendor.example")),
            new AccountCalendars(Calendars.shipped(), com.supportdesk.support.Regions.shipped()));

    @Test
    void theReceiptGoesToBothContactsAndToWhoeverOpenedItNormalised() {
        TicketOpened o =
                opened("t-1", "acme").reporterEmail(" Carl@Client.Example ").build();

        TicketNotices.Notice n = notices.of(o, PROFILE);

        assertThat(n.kind()).isEqualTo(NotificationKind.RECEIPT);
        assertThat(n.sends()).isTrue();
        assertThat(n.recipients()).containsExactly(ACME.address("ann"), ACME.address("bob"), "carl@client.example");
    }

    @Test
    void theContactsAreToldOfTheScopeFlagInTheirLanguageEvenTheOneWhoOpenedIt() {
        TicketOpened o = opened("t-1", "acme").build();

        TicketNotices.Notice flagged = notices.of(
                new TicketScopeFlagged("t-1", "acme", true, "no line covers it", true, "ann-acme", AT), PROFILE);
        assertThat(flagged.kind()).isEqualTo(NotificationKind.STATUS_CHANGE);
        assertThat(flagged.recipients()).containsExactly(ACME.address("ann"), ACME.address("bob"));
        assertThat(flagged.data())
                .containsEntry(
                        "change",
                        "hors du périmètre standard de votre contrat : demande non standard, "
                                + "facturable sur demande")
                .containsEntry("detail", "no line covers it");

        // lifted by the service desk: told to both contacts (the agent is not one of them)
        TicketNotices.Notice lifted = notices.of(
                new TicketScopeFlagged(o.ticketId(), "acme", false, "covered after all", false, "agent-7", AT),
                PROFILE);
        assertThat(lifted.recipients()).containsExactly(ACME.address("ann"), ACME.address("bob"));
        assertThat(lifted.data()).containsEntry("change", "de nouveau dans le périmètre standard de votre contrat");
    }

    @Test
    void aStatusChangeIsNotToldToTheContactWhoMadeItInTheirLanguage() {
        TicketOpened o = opened("t-1", "acme").build();

        TicketNotices.Notice n = notices.of(TestEvents.resolved(o, "ann-acme", AT), PROFILE);

        assertThat(n.kind()).isEqualTo(NotificationKind.STATUS_CHANGE);
        assertThat(n.recipients()).containsExactly(ACME.address("bob"));
        assertThat(n.data()).containsEntry("detail", "FIXED: fixed").containsKey("change");
        assertThat(n.data().get("change")).isNotEqualTo("RESOLVED"); // a French word, not the key
    }

    @Test
    void theCustomersOwnMessageTellsNobodyButIsStillAMessage() {
        MessageAdded m = new MessageAdded("t-1", "acme", "m-1", "any news?", true, "ann-acme", AT);

        TicketNotices.Notice n = notices.of(m, PROFILE);

        assertThat(n.sends()).isFalse();
        assertThat(n.kind()).isEqualTo(NotificationKind.MESSAGE);
        assertThat(notices.kindOf(m)).isEqualTo(NotificationKind.MESSAGE);
    }

    @Test
    void aBreachShowsItsDeadlineInTheAccountsZone() {
        TicketOpened o = opened("t-1", "acme").severity(Severity.SEV1).build();
        Instant deadline = Instant.parse("2026-03-02T10:00:00Z");

        TicketNotices.Notice n =
                notices.of(TestEvents.breached(o, ClockKind.RESPONSE, Duration.ofHours(1), deadline), PROFILE);

        assertThat(n.kind()).isEqualTo(NotificationKind.BREACH);
        assertThat(n.recipients()).containsExactly(ACME.address("ann"), ACME.address("bob"));
        assertThat(n.data()).containsEntry("deadline", "2026-03-02 11:00 (Europe/Brussels)");
    }

    @Test
    void aWarningReachesWebhooksOnly() {
        SlaWarning w = new SlaWarning(
                "t-1",
                "acme",
                ClockKind.RESPONSE,
                "standard",
                "europe",
                Severity.SEV3,
                Duration.ofHours(4),
                Duration.ofHours(2),
                50,
                AT.plus(Duration.ofHours(2)),
                AT);

        assertThat(notices.of(w, PROFILE).sends()).isFalse();
        assertThat(notices.kindOf(w)).isEqualTo(NotificationKind.EVENT);
    }

    @Test
    void anEscalationDecisionTellsTheEscalationPointAndOnlyWhenItEscalates() {
        EscalationDecided toSam = decided(EscalationAction.ESCALATE, EscalationTarget.STRATEGIC_ACCOUNT_MANAGER);
        EscalationDecided toManagement = decided(EscalationAction.ESCALATE, EscalationTarget.SUPPORT_MANAGEMENT);
        EscalationDecided transfer = decided(EscalationAction.TRANSFER, null);

        assertThat(notices.of(toSam, PROFILE).recipients()).containsExactly(ACME.address("sam"));
        assertThat(notices.of(toManagement, PROFILE).recipients()).containsExactly("support.management@vendor.example");
        assertThat(notices.of(transfer, PROFILE).sends()).isFalse();
        // an unknown account has no strategic account manager: the notice has nobody to go to
        assertThat(notices.of(toSam, null).recipients()).isEmpty();
        // the escalation point is the vendor's: its e-mail links to the agent workspace, the contacts' to their space
        assertThat(notices.of(toSam, PROFILE).data()).containsEntry(TicketNotices.LINK_TO, TicketNotices.WORKSPACE);
        TicketOpened o = opened("t-1", "acme").build();
        assertThat(notices.of(
                                new com.supportdesk.contract.event.TicketEscalated(
                                        o.ticketId(),
                                        "acme",
                                        EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                                        Severity.SEV2,
                                        "no progress",
                                        null,
                                        "agent-7",
                                        AT),
                                PROFILE)
                        .data())
                .doesNotContainKey(TicketNotices.LINK_TO);
    }

    @Test
    void eventsOfNoTicketFamilyCauseNoTicketEmail() {
        assertThat(notices.of(ACME.registered(AT), PROFILE).sends()).isFalse();
        assertThat(notices.kindOf("not an event")).isEqualTo(NotificationKind.EVENT);
    }

    private static EscalationDecided decided(EscalationAction action, EscalationTarget target) {
        return new EscalationDecided(
                "t-1",
                "acme",
                "priority-breach",
                action,
                target,
                action == EscalationAction.TRANSFER ? SupportLevel.L2 : null,
                "the response target was breached",
                null,
                "trigger-1",
                "command-1",
                AT);
    }

    @Test
    void anInternalNoteIsMailedToNobodyAndReachesOnlyWebhooksThatNameIt() {
        TicketNotices.Notice n = notices.of(
                new com.supportdesk.contract.event.InternalNoteAdded(
                        "t-1", "acme", "n-1", "Customer runs an unsupported build", "alice", AT, null),
                PROFILE);

        assertThat(n.sends()).isFalse();
        assertThat(n.recipients()).isEmpty();
        String type = "support.ticket.internal-note-added.v1";
        assertThat(Subscriptions.typeMatches(java.util.List.of("support.ticket.*"), type))
                .isFalse();
        assertThat(Subscriptions.typeMatches(java.util.List.of("*"), type)).isFalse();
        assertThat(Subscriptions.typeMatches(java.util.List.of("support.*", "support.ticket.*"), type))
                .isFalse();
        assertThat(Subscriptions.typeMatches(java.util.List.of("support.ticket.*", type), type))
                .isTrue();
        assertThat(Subscriptions.typeMatches(java.util.List.of("support.ticket.*"), "support.ticket.message-added.v1"))
                .isTrue();
    }
}
