package com.supportdesk.notification.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.EscalationDecided;
import com.supportdesk.contract.event.MaintenanceNoticeJudged;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.NotificationSent;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.contract.event.OutageEnded;
import com.supportdesk.contract.event.OutageNoticeDecided;
import com.supportdesk.contract.event.SeverityReclassified;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.EscalationAction;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.OutageNoticeVerdict;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.webhook.WebhookSignature;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import com.supportdesk.testinfra.SmtpServer;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * notification-service over a real Kafka broker, a real PostgreSQL and a real SMTP server process (GreenMail), with
 * a real HTTP server as the partner's webhook. Events go in as the other services write them.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class NotificationIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    com.supportdesk.notification.webhook.WebhookSecrets webhookSecrets;

    final SmtpServer smtp = SmtpServer.shared();
    String account;
    String ticket;

    static Instant brussels(String t) {
        return LocalDateTime.parse(t).atZone(ZoneId.of("Europe/Brussels")).toInstant();
    }

    @BeforeEach
    void ids() {
        account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        ticket = "t-" + UUID.randomUUID();
        clock.set(brussels("2026-11-23T10:00")); // a Monday, in Europe's support hours
    }

    String ann() {
        return "ann." + account + "@client.example";
    }

    String bob() {
        return "bob." + account + "@client.example";
    }

    String sam() {
        return "sam." + account + "@vendor.example";
    }

    String ops() {
        return "ops-list." + account + "@client.example";
    }

    void register(SupportLanguage language, List<String> applications) {
        AccountProfile profile = new AccountProfile(
                "Client " + account,
                "EUROPE",
                language,
                "tiered-2",
                new Contact("ann-" + account, "Ann", ann(), null),
                new Contact("bob-" + account, "Bob", bob(), null),
                new Contact("sam-" + account, "Sam", sam(), null),
                List.of(ops()),
                applications,
                false);
        send(Topics.ACCOUNT_EVENTS, account, null, new AccountRegistered(account, profile, "admin", clock.instant()));
    }

    /** {@link #register}, then waits until notification-service knows the profile. */
    void registerAndAwait(SupportLanguage language, List<String> applications) {
        register(language, applications);
        await().atMost(WAIT)
                .until(() -> com.supportdesk.support.Jdbc.inTransaction(
                                dataSource, c -> NotificationStore.account(c, account))
                        .isPresent());
    }

    /** This test's ticket opened as an ordinary Sev 3 incident, titled and described alike. */
    TicketOpened sev3Opening(String reference, String title, String openedBy) {
        return new TicketOpened(
                ticket,
                account,
                reference,
                TicketKind.INCIDENT,
                Severity.SEV3,
                Impact.STANDARD,
                null,
                false,
                SupportLevel.L1,
                title,
                title,
                null,
                null,
                openedBy,
                clock.instant());
    }

    String open(Severity severity) {
        String id = send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                new TicketOpened(
                        ticket,
                        account,
                        "TKT-" + ticket.substring(2, 8),
                        TicketKind.INCIDENT,
                        severity,
                        Impact.STANDARD,
                        null,
                        severity.ordinal() < 2,
                        SupportLevel.L1,
                        "Checkout down",
                        "Nobody can pay",
                        "shop",
                        null,
                        "ann-" + account,
                        clock.instant()));
        return id;
    }

    static String send(String topic, String key, Long sequence, Object event) {
        String id = UUID.randomUUID().toString();
        sendWithId(topic, key, sequence, event, id);
        return id;
    }

    static void sendWithId(String topic, String key, Long sequence, Object event, String id) {
        CloudEvent envelope = new CloudEvent(
                id, Catalog.of(event.getClass()).type(), "test", key, Instant.now(), sequence, null, event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    List<SmtpServer.Mail> mails(String address, int atLeast) {
        await().atMost(WAIT).until(() -> smtp.inbox(address).size() >= atLeast);
        return smtp.inbox(address);
    }

    static CloudEvent decode(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return CloudEventCodec.decode(headers, r.value());
    }

    List<CloudEvent> outcomes(String subject, int atLeast) {
        return TopicReader.await(
                        Topics.NOTIFICATION_EVENTS, r -> subject.equals(r.key()), seen -> seen.size() >= atLeast, WAIT)
                .stream()
                .map(NotificationIntegrationTest::decode)
                .toList();
    }

    // ---- e-mail -------------------------------------------------------------------------------------------------

    @Test
    void receiptGoesToBothContactsInTheAccountLanguageWithTheReference() {
        register(SupportLanguage.FR, List.of());
        open(Severity.SEV3);

        SmtpServer.Mail mail = mails(ann(), 1).get(0);
        assertThat(mail.subject()).isEqualTo("[TKT-" + ticket.substring(2, 8) + "] Ticket reçu : Checkout down");
        assertThat(mail.text())
                .contains("Référence : TKT-" + ticket.substring(2, 8))
                .contains("Client " + account)
                .as("the link to the ticket's page in the customer space")
                .contains("Voir le ticket et répondre : http://localhost:8086/tickets/" + ticket);
        assertThat(mails(bob(), 1)).hasSize(1);

        List<CloudEvent> sent = outcomes(ticket, 2);
        assertThat(sent).extracting(CloudEvent::type).containsOnly("support.notification.sent.v1");
        assertThat(sent)
                .extracting(e -> ((NotificationSent) e.data()).recipient())
                .containsExactlyInAnyOrder(ann(), bob());
        assertThat(sent).allSatisfy(e -> {
            NotificationSent s = (NotificationSent) e.data();
            assertThat(s.kind()).isEqualTo(NotificationKind.RECEIPT);
            assertThat(s.language()).isEqualTo(SupportLanguage.FR);
            assertThat(mail.messageId()).isNotBlank();
        });
        given().get("/api/notifications/subjects/" + ticket)
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("state", org.hamcrest.Matchers.everyItem(equalTo("SENT")));
    }

    @Test
    void breachOfAPriorityTicketEscalatesToTheStrategicAccountManagerInTheAccountLanguage() {
        register(SupportLanguage.DE, List.of());
        open(Severity.SEV1);
        Instant deadline = clock.instant().plus(Duration.ofMinutes(30));
        send(
                Topics.SLA_EVENTS,
                ticket,
                1L,
                new SlaBreached(
                        ticket,
                        account,
                        ClockKind.RESPONSE,
                        "tiered-2",
                        "always-open",
                        Severity.SEV1,
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(30),
                        deadline,
                        deadline));
        send(
                Topics.ESCALATION_EVENTS,
                ticket,
                null,
                new EscalationDecided(
                        ticket,
                        account,
                        "priority-breach",
                        EscalationAction.ESCALATE,
                        EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                        null,
                        "priority ticket breached its RESPONSE target",
                        "sam-" + account,
                        "x",
                        "cmd-1",
                        deadline));
        send(
                Topics.TICKET_EVENTS,
                ticket,
                1L,
                new TicketEscalated(
                        ticket,
                        account,
                        EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                        Severity.SEV1,
                        "priority ticket breached its RESPONSE target",
                        "priority-breach",
                        "escalation-service",
                        deadline));

        SmtpServer.Mail toSam = mails(sam(), 1).get(0);
        assertThat(toSam.subject()).startsWith("[TKT-").contains("Eskaliert: strategischer Account Manager");
        assertThat(toSam.text()).contains("Grund: priority ticket breached its RESPONSE target");

        List<SmtpServer.Mail> toAnn = mails(ann(), 3); // receipt, breach, escalation
        assertThat(toAnn)
                .extracting(SmtpServer.Mail::subject)
                .anyMatch(s -> s.contains("Service-Level verletzt: Reaktionszeit"))
                .anyMatch(s -> s.contains("Ticket eingegangen"))
                .anyMatch(s -> s.contains("Eskaliert"));
        assertThat(toAnn.stream()
                        .filter(m -> m.subject().contains("verletzt"))
                        .findFirst()
                        .orElseThrow()
                        .text())
                .contains("Frist: 2026-11-23 10:30 (Europe/Brussels)");
    }

    @Test
    void theCustomerWhoOpenedTheTicketGetsTheReceiptToo() {
        register(SupportLanguage.EN, List.of());
        String reporter = "carla-" + account + "@client.example";
        send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                new TicketOpened(
                        ticket,
                        account,
                        "TKT-" + ticket.substring(2, 8),
                        TicketKind.INCIDENT,
                        Severity.SEV3,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "Checkout down",
                        "Nobody can pay",
                        "shop",
                        null,
                        "carla",
                        clock.instant(),
                        reporter));
        assertThat(mails(reporter, 1).get(0).subject())
                .isEqualTo("[TKT-" + ticket.substring(2, 8) + "] Ticket received: Checkout down");
        assertThat(mails(ann(), 1)).hasSize(1);
        assertThat(outcomes(ticket, 3))
                .extracting(e -> ((NotificationSent) e.data()).recipient())
                .containsExactlyInAnyOrder(ann(), bob(), reporter);
    }

    @Test
    void anEscalationThatOvertakesTheTicketsOpeningWaitsForItAndCarriesTheReference() {
        register(SupportLanguage.EN, List.of());
        Instant at = clock.instant();
        // escalation-events and ticket-events are separate topics: here the decision arrives first
        send(
                Topics.ESCALATION_EVENTS,
                ticket,
                null,
                new EscalationDecided(
                        ticket,
                        account,
                        "priority-breach",
                        EscalationAction.ESCALATE,
                        EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                        null,
                        "priority ticket breached its RESPONSE target",
                        "sam-" + account,
                        "x",
                        "cmd-early",
                        at));
        open(Severity.SEV1);
        SmtpServer.Mail toSam = mails(sam(), 1).get(0);
        assertThat(toSam.subject()).startsWith("[TKT-").doesNotContain(ticket);
        // the vendor's escalation point is sent to the ticket's page in the agent workspace
        assertThat(toSam.text()).contains("The ticket: http://localhost:8086/agent/tickets/" + ticket);
    }

    com.supportdesk.contract.event.ReportIssued report(String account, int issue) {
        return new com.supportdesk.contract.event.ReportIssued(
                account,
                "2026-10",
                issue,
                issue > 0,
                issue > 0 ? "olga-ops" : null,
                "Europe/Brussels",
                "Client " + account,
                3,
                1,
                List.of(new com.supportdesk.contract.model.ReportSeverityFigures(
                        Severity.SEV2, 3, 3, 2, 66.7, false, 2, 2)),
                List.of(new com.supportdesk.contract.model.ReportApplicationFigures("shop", 99.9, 1, 44, 120)),
                "account,month,zone,tickets_opened,non_standard_tickets\n" + account + ",2026-10,Europe/Brussels,3,1\n",
                clock.instant());
    }

    @Test
    void theMonthlyReportReachesBothContactsOnceInTheirLanguageWithTheCsvAndAResendIsAnotherDelivery() {
        // a month's report comes long after its account: here the profile must be in before the report is sent (the
        // two topics are not ordered, and a report for an account unknown here is a failure, not a wait)
        registerAndAwait(SupportLanguage.FR, List.of("shop"));
        String subject = "report:" + account + ":2026-10";
        String issued = UUID.randomUUID().toString();
        sendWithId(Topics.REPORT_EVENTS, account, null, report(account, 0), issued);
        SmtpServer.Mail toAnn = mails(ann(), 1).get(0);
        assertThat(toAnn.subject()).isEqualTo("Rapport mensuel des niveaux de service 2026-10 — Client " + account);
        assertThat(toAnn.mime())
                .contains("text/html")
                .contains("text/csv")
                .contains("service-level-report-" + account + "-2026-10.csv");
        assertThat(toAnn.text()).contains("Tickets ouverts: 3").contains("Demandes non standard");
        assertThat(mails(bob(), 1)).hasSize(1);
        List<CloudEvent> delivered = outcomes(subject, 4).stream()
                .filter(e -> e.type().equals("support.report.delivered.v1"))
                .toList();
        assertThat(delivered).hasSize(2);
        assertThat(delivered)
                .extracting(e -> ((com.supportdesk.contract.event.ReportDelivered) e.data()).recipient())
                .containsExactlyInAnyOrder(ann(), bob());
        assertThat(delivered).allSatisfy(e -> {
            com.supportdesk.contract.event.ReportDelivered d =
                    (com.supportdesk.contract.event.ReportDelivered) e.data();
            assertThat(d.issue()).isZero();
            assertThat(d.resend()).isFalse();
            assertThat(d.issuedId()).isEqualTo(issued);
        });

        // the same issue redelivered sends nothing; a resend (issue 1) is a delivery of its own, marked as one
        sendWithId(Topics.REPORT_EVENTS, account, null, report(account, 0), issued);
        sendWithId(
                Topics.REPORT_EVENTS,
                account,
                null,
                report(account, 1),
                UUID.randomUUID().toString());
        List<SmtpServer.Mail> annBoth = mails(ann(), 2);
        assertThat(annBoth).hasSize(2);
        assertThat(annBoth.get(1).text()).contains("nouvel envoi");
        assertThat(annBoth).extracting(SmtpServer.Mail::messageId).doesNotHaveDuplicates();
        await().atMost(WAIT)
                .until(() -> outcomes(subject, 8).stream()
                                .filter(e -> e.type().equals("support.report.delivered.v1"))
                                .count()
                        == 4);
        assertThat(smtp.inbox(ann())).hasSize(2);
    }

    @Test
    void aRedeliveredEventSendsNothingTwiceAndTheActorIsNotToldOfHisOwnChange() {
        register(SupportLanguage.EN, List.of());
        String opened = UUID.randomUUID().toString();
        TicketOpened event = sev3Opening("TKT-R", "Slow", "ann-" + account);
        sendWithId(Topics.TICKET_EVENTS, ticket, 0L, event, opened);
        sendWithId(Topics.TICKET_EVENTS, ticket, 0L, event, opened); // the same event again (a redelivery)
        // acknowledged by Bob (a contact acting himself): Ann is told, Bob is not
        send(
                Topics.TICKET_EVENTS,
                ticket,
                1L,
                new TicketAcknowledged(
                        ticket, account, Severity.SEV3, "on it", clock.instant(), "bob-" + account, clock.instant()));

        List<SmtpServer.Mail> toAnn = mails(ann(), 2);
        assertThat(toAnn)
                .extracting(SmtpServer.Mail::subject)
                .containsExactly("[TKT-R] Ticket received: Slow", "[TKT-R] acknowledged by the service desk");
        assertThat(smtp.inbox(bob()))
                .extracting(SmtpServer.Mail::subject)
                .containsExactly("[TKT-R] Ticket received: Slow");
        assertThat(toAnn).extracting(SmtpServer.Mail::messageId).doesNotHaveDuplicates();
    }

    @Inject
    com.supportdesk.notification.engine.NotificationProcessor processor;

    /** One record of ticket-events as the consumer hands it to the processor. */
    static com.supportdesk.support.BatchConsumer.Item item(String key, Long sequence, Object event, String id) {
        CloudEvent envelope = new CloudEvent(
                id, Catalog.of(event.getClass()).type(), "test", key, Instant.now(), sequence, null, event);
        return new com.supportdesk.support.BatchConsumer.Item(
                new com.supportdesk.support.Received(
                        Topics.TICKET_EVENTS, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event)),
                envelope);
    }

    /**
     * A poll's events are marked handled in one statement before any is handled: an event twice in one poll, or
     * again in a later poll, is handled once; the accounts the poll concerns are locked and read once for all, and
     * the deliveries its events cause, and the tickets they open, are written with one statement each at its end.
     */
    @Test
    void anEventTwiceInOnePollOrAgainInTheNextIsHandledOnce() {
        registerAndAwait(SupportLanguage.EN, List.of());
        TicketOpened event = sev3Opening("TKT-P", "Printer", "carl-" + account);
        var opened = item(ticket, 0L, event, UUID.randomUUID().toString());
        var acknowledged = item(
                ticket,
                1L,
                new TicketAcknowledged(
                        ticket, account, Severity.SEV3, "on it", clock.instant(), "agent-1", clock.instant()),
                UUID.randomUUID().toString());
        List<com.supportdesk.support.BatchConsumer.Item> poll = List.of(opened, opened, acknowledged);

        var inserts = new java.util.concurrent.atomic.AtomicInteger();
        var ticketWrites = new java.util.concurrent.atomic.AtomicInteger();
        var found = com.supportdesk.support.Jdbc.inTransaction(dataSource, real -> {
            var c = QueueInsertIntegrationTest.counting(
                    QueueInsertIntegrationTest.counting(real, "ntf_delivery", inserts), "ntf_ticket", ticketWrites);
            var p = processor.poll(c, poll);
            assertThat(p.firstTime())
                    .containsExactlyInAnyOrder(
                            opened.event().id(), acknowledged.event().id());
            assertThat(p.accounts()).containsOnlyKeys(account);
            for (var i : poll) {
                processor.event(c, i.record(), i.event(), p);
            }
            assertThat(inserts)
                    .as("nothing queued while the poll's events are handled")
                    .hasValue(0);
            assertThat(p.queued())
                    .extracting(NotificationStore.Delivery::recipient)
                    .as("both notices to both contacts, kept for the poll's end")
                    .containsOnly(ann(), bob())
                    .hasSizeGreaterThanOrEqualTo(4);
            assertThat(ticketWrites)
                    .as("the opened ticket, kept for the poll's end")
                    .hasValue(0);
            assertThat(p.changed()).containsOnlyKeys(ticket);
            assertThat(NotificationStore.ticket(c, ticket)).isEmpty();
            processor.written(c, p);
            assertThat(inserts).as("the poll's deliveries, one statement").hasValue(1);
            assertThat(ticketWrites).as("the poll's tickets, one statement").hasValue(1);
            assertThat(NotificationStore.ticket(c, ticket))
                    .hasValueSatisfying(t -> assertThat(t.reference()).isEqualTo("TKT-P"));
            return p;
        });
        assertThat(found.firstTime())
                .as("each new event handled, the copy found handled")
                .isEmpty();
        var again = com.supportdesk.support.Jdbc.inTransaction(dataSource, c -> processor.poll(c, List.of(opened)));
        assertThat(again.firstTime()).as("the next poll's copy").isEmpty();

        // both notices were queued in one transaction: they go out in either order, each exactly once
        for (String contact : List.of(ann(), bob())) {
            assertThat(mails(contact, 2))
                    .extracting(SmtpServer.Mail::subject)
                    .containsExactlyInAnyOrder(
                            "[TKT-P] Ticket received: Printer", "[TKT-P] acknowledged by the service desk");
        }
    }

    /**
     * The severity the e-mails quote follows a reclassification, whether the ticket was opened in the same poll (its
     * row is written once, at the poll's end, with the last severity) or earlier (its row is updated).
     */
    @Test
    void aReclassificationInThePollOfTheOpeningOrALaterOneIsTheSeverityStored() {
        registerAndAwait(SupportLanguage.EN, List.of());
        var opened = item(
                ticket,
                0L,
                sev3Opening("TKT-R", "Router", "carl-" + account),
                UUID.randomUUID().toString());
        var toSev2 = reclassified(1L, Severity.SEV3, Severity.SEV2);
        var toSev1 = reclassified(2L, Severity.SEV2, Severity.SEV1);

        assertThat(handledInOnePoll(List.of(opened, toSev2)).changed())
                .as("one row for the ticket, with the poll's last severity")
                .containsOnlyKeys(ticket);
        assertThat(storedSeverity()).isEqualTo("SEV2");

        handledInOnePoll(List.of(toSev1));
        assertThat(storedSeverity()).as("a later poll's reclassification").isEqualTo("SEV1");
    }

    /** The ticket's reclassification from {@code from} to {@code to}, its {@code sequence}th event. */
    private com.supportdesk.support.BatchConsumer.Item reclassified(long sequence, Severity from, Severity to) {
        return item(
                ticket,
                sequence,
                new SeverityReclassified(ticket, account, from, to, false, "worse", "agent-1", clock.instant()),
                UUID.randomUUID().toString());
    }

    private com.supportdesk.notification.engine.NotificationProcessor.Poll handledInOnePoll(
            List<com.supportdesk.support.BatchConsumer.Item> items) {
        return com.supportdesk.support.Jdbc.inTransaction(dataSource, c -> {
            var p = processor.poll(c, items);
            for (var i : items) {
                processor.event(c, i.record(), i.event(), p);
            }
            processor.written(c, p);
            return p;
        });
    }

    private String storedSeverity() {
        return com.supportdesk.support.Jdbc.inTransaction(dataSource, c -> NotificationStore.ticket(c, ticket))
                .orElseThrow()
                .severity();
    }

    @Test
    void anEventForAnAccountNotYetKnownWaitsForItsProfile() {
        open(Severity.SEV3);
        register(SupportLanguage.ES, List.of());
        assertThat(mails(ann(), 1).get(0).subject()).contains("Ticket recibido");
    }

    // ---- outages ------------------------------------------------------------------------------------------------

    @Test
    void aFortyFiveMinuteOutageInSupportHoursSendsExactlyOneNoticePerRecipient() {
        register(SupportLanguage.EN, List.of("billing-" + account));
        String outage = "out-" + UUID.randomUUID();
        Instant start = clock.instant();
        send(
                Topics.TICKET_EVENTS,
                outage,
                0L,
                new OutageDeclared(outage, "billing-" + account, List.of(), start, "Billing is down", "ops", start));
        // the outage is known (its row waits for the 30-minute check), and nothing was sent before 30 minutes
        await().atMost(WAIT)
                .until(() -> given().get("/api/notifications/outages")
                                .jsonPath()
                                .getList("findAll { it.outageId == '" + outage + "' }")
                                .size()
                        == 1);
        assertThat(smtp.inbox(ops())).isEmpty();

        clock.set(start.plus(Duration.ofMinutes(31)));
        for (String to : List.of(ann(), bob(), ops())) {
            SmtpServer.Mail notice = mails(to, 1).get(0);
            assertThat(notice.subject()).isEqualTo("Service disruption: billing-" + account);
            assertThat(notice.text())
                    .contains("since 2026-11-23 10:00 (Europe/Brussels)")
                    .contains("The disruption is ongoing.");
        }
        clock.set(start.plus(Duration.ofMinutes(45)));
        send(
                Topics.TICKET_EVENTS,
                outage,
                1L,
                new OutageEnded(
                        outage,
                        "billing-" + account,
                        List.of(),
                        start,
                        clock.instant(),
                        "fixed",
                        "ops",
                        clock.instant()));

        List<CloudEvent> decided = outcomes(outage, 4).stream()
                .filter(e -> e.data() instanceof OutageNoticeDecided)
                .toList();
        assertThat(decided).hasSize(1);
        OutageNoticeDecided d = (OutageNoticeDecided) decided.get(0).data();
        assertThat(d.verdict()).isEqualTo(OutageNoticeVerdict.NOTIFIED);
        assertThat(d.recipients()).isEqualTo(3);
        // the end is handled (the row has its end), and still exactly one notice each
        await().atMost(WAIT)
                .until(() -> given().get("/api/notifications/outages")
                                .jsonPath()
                                .getString("find { it.outageId == '" + outage + "' }.endedAt")
                        != null);
        for (String to : List.of(ann(), bob(), ops())) {
            assertThat(smtp.inbox(to)).hasSize(1);
        }
    }

    @Test
    void anAccountKnownOnlyAfterAnApplicationWideOutageWasDeclaredIsNotifiedToo() {
        String outage = "out-" + UUID.randomUUID();
        Instant start = clock.instant();
        send(
                Topics.TICKET_EVENTS,
                outage,
                0L,
                new OutageDeclared(outage, "late-" + account, List.of(), start, "Down", "ops", start));
        await().atMost(WAIT)
                .until(() -> given().get("/api/notifications/outages").statusCode() == 200);
        register(SupportLanguage.EN, List.of("late-" + account)); // its profile comes after the declaration
        await().atMost(WAIT)
                .until(() -> given().get("/api/notifications/outages")
                                .jsonPath()
                                .getList("findAll { it.outageId == '" + outage + "' && it.accountId == '" + account
                                        + "' }")
                                .size()
                        == 1);
        clock.set(start.plus(Duration.ofMinutes(31)));
        assertThat(mails(ops(), 1).get(0).subject()).isEqualTo("Service disruption: late-" + account);
    }

    @Test
    void anOutageOutsideSupportHoursSendsNothingButIsRecorded() {
        register(SupportLanguage.EN, List.of("night-" + account));
        String outage = "out-" + UUID.randomUUID();
        Instant start = brussels("2026-11-21T03:00"); // Saturday night
        clock.set(start);
        send(
                Topics.TICKET_EVENTS,
                outage,
                0L,
                new OutageDeclared(outage, "night-" + account, List.of(account), start, "Night outage", "ops", start));
        clock.set(start.plus(Duration.ofMinutes(45)));
        send(
                Topics.TICKET_EVENTS,
                outage,
                1L,
                new OutageEnded(
                        outage,
                        "night-" + account,
                        List.of(account),
                        start,
                        clock.instant(),
                        "fixed",
                        "ops",
                        clock.instant()));

        OutageNoticeDecided d = (OutageNoticeDecided) outcomes(outage, 1).get(0).data();
        assertThat(d.verdict()).isEqualTo(OutageNoticeVerdict.RECORDED_OUTSIDE_SUPPORT_HOURS);
        assertThat(d.recipients()).isZero();
        given().get("/api/notifications/outages")
                .then()
                .statusCode(200)
                .body("find { it.outageId == '" + outage + "' }.verdict", equalTo("RECORDED_OUTSIDE_SUPPORT_HOURS"));
        // a later notice to the same people arrives alone: nothing was sent for the outage
        open(Severity.SEV3);
        assertThat(mails(ops(), 0)).isEmpty();
        assertThat(mails(ann(), 1)).extracting(SmtpServer.Mail::subject).allMatch(s -> s.contains("Ticket received"));
    }

    @Test
    void maintenanceWithLessThanTenBusinessDaysNoticeIsFlaggedAndAnnounced() {
        register(SupportLanguage.FR, List.of("erp-" + account));
        String maintenance = "mnt-" + UUID.randomUUID();
        Instant windowStart = brussels("2026-11-30T22:00"); // five business days ahead
        send(
                Topics.TICKET_EVENTS,
                maintenance,
                0L,
                new MaintenanceScheduled(
                        maintenance,
                        "erp-" + account,
                        List.of(),
                        windowStart,
                        windowStart.plus(Duration.ofHours(2)),
                        false,
                        "Upgrade",
                        "ops",
                        clock.instant()));

        MaintenanceNoticeJudged judged = (MaintenanceNoticeJudged) outcomes(maintenance, 1).stream()
                .filter(e -> e.data() instanceof MaintenanceNoticeJudged)
                .findFirst()
                .orElseThrow()
                .data();
        assertThat(judged.businessDaysNotice()).isEqualTo(5);
        assertThat(judged.sufficient()).isFalse();
        SmtpServer.Mail notice = mails(ops(), 1).get(0);
        assertThat(notice.subject()).startsWith("Maintenance planifiée : erp-" + account);
        assertThat(notice.text()).contains("inférieur aux 10 jours ouvrés");
    }

    // ---- webhooks -----------------------------------------------------------------------------------------------

    /** Waits until the ticket's webhook delivery has recorded {@code n} attempts (the retry time is then set). */
    void awaitWebhookAttempts(int n) {
        await().atMost(WAIT).until(() -> {
            Integer attempts = given().get("/api/notifications/subjects/" + ticket)
                    .jsonPath()
                    .get("find { it.channel == 'WEBHOOK' }.attempts");
            return attempts != null && attempts >= n;
        });
    }

    @Test
    void aWebhookGetsSignedDeliveriesOfItsAccountsOnlyAndRetriesAfterFailures() throws Exception {
        register(SupportLanguage.EN, List.of());
        String other = "other-" + account;
        try (WebhookReceiver receiver = new WebhookReceiver(2)) {
            JsonNode created = JSON.readTree(given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "url",
                            receiver.url(),
                            "eventTypes",
                            List.of("support.ticket.*"),
                            "accounts",
                            List.of(account)))
                    .post("/api/notifications/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .asString());
            String secret = created.get("secret").asText();
            assertThat(secret).hasSizeGreaterThan(20);

            // another account's ticket first: never delivered to this subscription
            send(
                    Topics.TICKET_EVENTS,
                    "t-other",
                    0L,
                    new TicketOpened(
                            "t-other-" + account,
                            other,
                            "TKT-O",
                            TicketKind.INCIDENT,
                            Severity.SEV3,
                            Impact.STANDARD,
                            null,
                            false,
                            SupportLevel.L1,
                            "x",
                            "x",
                            null,
                            null,
                            "x",
                            clock.instant()));
            String openedId = open(Severity.SEV3);

            awaitWebhookAttempts(1);
            clock.set(clock.instant().plusSeconds(2)); // first retry after 1 s
            awaitWebhookAttempts(2);
            clock.set(clock.instant().plusSeconds(3)); // second retry after 2 s
            await().atMost(WAIT).until(() -> receiver.succeeded().size() >= 1);

            assertThat(receiver.requests).hasSize(3);
            assertThat(receiver.requests)
                    .extracting(r -> r.header("X-Support-Attempt"))
                    .containsExactly("1", "2", "3");
            assertThat(receiver.requests)
                    .extracting(r -> r.header("X-Support-Delivery"))
                    .containsOnly(receiver.requests.get(0).header("X-Support-Delivery"));
            WebhookReceiver.Request ok = receiver.succeeded().get(0);
            assertThat(WebhookSignature.verify(
                            secret,
                            ok.header(WebhookSignature.HEADER),
                            ok.body(),
                            clock.instant(),
                            WebhookSignature.DEFAULT_TOLERANCE))
                    .isTrue();
            assertThat(WebhookSignature.verify(
                            "not-the-secret-at-all",
                            ok.header(WebhookSignature.HEADER),
                            ok.body(),
                            clock.instant(),
                            WebhookSignature.DEFAULT_TOLERANCE))
                    .isFalse();
            JsonNode event = JSON.readTree(ok.body());
            assertThat(event.get("id").asText()).isEqualTo(openedId);
            assertThat(event.get("type").asText()).isEqualTo("support.ticket.opened.v1");
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.at("/data/accountId").asText()).isEqualTo(account);
            assertThat(receiver.requests).noneMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains(other));
        }
    }

    @Test
    void webhookTargetsMustBePublicHttpsAtRegistrationAndAgainAtEveryDelivery() throws Exception {
        register(SupportLanguage.EN, List.of());
        for (String url : List.of(
                "https://169.254.169.254/latest",
                "http://93.184.215.14/hook",
                "https://[::ffff:10.0.0.1]/hook",
                "https://[fd00::1]/hook",
                "https://127.0.0.2/hook")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("url", url, "eventTypes", List.of("support.ticket.*"), "accounts", List.of(account)))
                    .post("/api/notifications/webhooks")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("url"));
        }
        // a target that passed at registration but now leads inside (a changed DNS answer; here the stored URL is
        // changed): the delivery is refused before any connection, although a server listens there
        try (WebhookReceiver receiver = new WebhookReceiver(0, "0.0.0.0")) {
            String id = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "url",
                            receiver.url(),
                            "eventTypes",
                            List.of("support.ticket.*"),
                            "accounts",
                            List.of(account)))
                    .post("/api/notifications/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            com.supportdesk.support.Jdbc.inTransaction(
                    dataSource,
                    c -> com.supportdesk.support.Jdbc.update(
                            c,
                            "UPDATE ntf_subscription SET url = ? WHERE id = ?",
                            "https://127.0.0.2:" + receiver.port() + "/hook",
                            id));
            open(Severity.SEV3);
            awaitWebhookAttempts(1);
            given().get("/api/notifications/subjects/" + ticket)
                    .then()
                    .body("find { it.channel == 'WEBHOOK' }.lastError", containsString("target refused"))
                    .body("find { it.channel == 'WEBHOOK' }.lastError", containsString("127.0.0.2"));
            assertThat(receiver.requests).isEmpty();
        }
    }

    @Test
    void anInternalNoteReachesOnlyTheWebhookThatNamesItAndNoMailbox() throws Exception {
        register(SupportLanguage.EN, List.of());
        String note = "support.ticket.internal-note-added.v1";
        try (WebhookReceiver wildcard = new WebhookReceiver(0);
                WebhookReceiver named = new WebhookReceiver(0)) {
            for (var r : List.of(
                    Map.of("url", wildcard.url(), "types", List.of("support.ticket.*", "*")),
                    Map.of("url", named.url(), "types", List.of("support.ticket.message-added.v1", note)))) {
                given().contentType(ContentType.JSON)
                        .body(Map.of("url", r.get("url"), "eventTypes", r.get("types"), "accounts", List.of(account)))
                        .post("/api/notifications/webhooks")
                        .then()
                        .statusCode(201);
            }
            open(Severity.SEV3);
            send(
                    Topics.TICKET_EVENTS,
                    ticket,
                    1L,
                    new com.supportdesk.contract.event.InternalNoteAdded(
                            ticket,
                            account,
                            "n-1",
                            "Customer runs an unsupported build",
                            "alice",
                            clock.instant(),
                            null));
            send(
                    Topics.TICKET_EVENTS,
                    ticket,
                    2L,
                    new com.supportdesk.contract.event.MessageAdded(
                            ticket, account, "m-1", "We are on it", false, "alice", clock.instant()));

            // the message reaches both; the note only the subscription that named its type
            await().atMost(WAIT)
                    .until(() -> types(named).contains("support.ticket.message-added.v1")
                            && types(wildcard).contains("support.ticket.message-added.v1"));
            assertThat(types(named)).contains(note);
            assertThat(types(wildcard)).doesNotContain(note);
            // and no e-mail carries it: the message's did go out meanwhile
            mails(ann(), 2); // receipt and message
            assertThat(smtp.inbox(ann())).noneMatch(m -> m.mime().contains("unsupported build"));
            assertThat(smtp.inbox(bob())).noneMatch(m -> m.mime().contains("unsupported build"));
        }
    }

    static List<String> types(WebhookReceiver receiver) {
        return receiver.succeeded().stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.body()).path("type").asText();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
    }

    @Test
    void webhookSecretsAreSealedAtRestAndARotationSignsWithBothForTheOverlap() throws Exception {
        register(SupportLanguage.EN, List.of());
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            JsonNode created = JSON.readTree(given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "url",
                            receiver.url(),
                            "eventTypes",
                            List.of("support.ticket.*"),
                            "accounts",
                            List.of(account)))
                    .post("/api/notifications/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .asString());
            String id = created.get("id").asText();
            String first = created.get("secret").asText();
            String stored = com.supportdesk.support.Jdbc.inTransaction(dataSource, c -> {
                try (var ps = c.prepareStatement("SELECT secret FROM ntf_subscription WHERE id = ?")) {
                    ps.setString(1, id);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                }
            });
            assertThat(stored).startsWith("enc:v1:test-1:").doesNotContain(first);
            given().get("/api/notifications/webhooks/" + id)
                    .then()
                    .statusCode(200)
                    .body("secret", nullValue());

            String second = "the-partner-chose-this-one";
            given().contentType(ContentType.JSON)
                    .body(Map.of("secret", second))
                    .post("/api/notifications/webhooks/" + id + "/rotate-secret")
                    .then()
                    .statusCode(200)
                    .body("secret", equalTo(second))
                    .body("previousSecretValidUntil", notNullValue());
            given().auth()
                    .oauth2(com.supportdesk.testinfra.TestTokens.partner("someone-else", List.of(account)))
                    .post("/api/notifications/webhooks/" + id + "/rotate-secret")
                    .then()
                    .statusCode(404);
            given().contentType(ContentType.JSON)
                    .body(Map.of("secret", "short"))
                    .post("/api/notifications/webhooks/" + id + "/rotate-secret")
                    .then()
                    .statusCode(400)
                    .body("violations[0].field", equalTo("secret"));

            // within the overlap: signed with both, so a receiver with either secret accepts it
            open(Severity.SEV3);
            await().atMost(WAIT).until(() -> receiver.succeeded().size() >= 1);
            WebhookReceiver.Request during = receiver.succeeded().get(0);
            String header = during.header(WebhookSignature.HEADER);
            assertThat(header.split(",v1=")).hasSize(3);
            for (String secret : List.of(first, second)) {
                assertThat(WebhookSignature.verify(
                                secret, header, during.body(), clock.instant(), WebhookSignature.DEFAULT_TOLERANCE))
                        .as(secret)
                        .isTrue();
            }
            // after it: the new secret only
            clock.set(clock.instant().plus(Duration.ofDays(1)).plusSeconds(1));
            String later = "t-" + UUID.randomUUID();
            send(
                    Topics.TICKET_EVENTS,
                    later,
                    0L,
                    new TicketOpened(
                            later,
                            account,
                            "TKT-" + later.substring(2, 8),
                            TicketKind.INCIDENT,
                            Severity.SEV3,
                            Impact.STANDARD,
                            null,
                            false,
                            SupportLevel.L1,
                            "Slow",
                            "Slow",
                            "shop",
                            null,
                            "ann-" + account,
                            clock.instant()));
            await().atMost(WAIT).until(() -> receiver.succeeded().size() >= 2);
            WebhookReceiver.Request after = receiver.succeeded().get(1);
            String single = after.header(WebhookSignature.HEADER);
            assertThat(single.split(",v1=")).hasSize(2);
            assertThat(WebhookSignature.verify(
                            second, single, after.body(), clock.instant(), WebhookSignature.DEFAULT_TOLERANCE))
                    .isTrue();
            assertThat(WebhookSignature.verify(
                            first, single, after.body(), clock.instant(), WebhookSignature.DEFAULT_TOLERANCE))
                    .isFalse();
        }
    }

    @Test
    void secretsStoredInTheClearByAnEarlierVersionAreSealedAtStartUp() throws Exception {
        String id = "legacy-" + UUID.randomUUID();
        com.supportdesk.support.Jdbc.inTransaction(dataSource, c -> {
            NotificationStore.saveSubscription(
                    c,
                    new NotificationStore.Subscription(
                            id,
                            "https://93.184.215.14/old",
                            List.of("support.ticket.*"),
                            List.of(account == null ? "a" : account),
                            "plain-old-secret-1234",
                            "someone",
                            clock.instant()));
            return null;
        });
        assertThat(webhookSecrets.resealAll(dataSource)).isGreaterThanOrEqualTo(1);
        NotificationStore.Subscription sealed = com.supportdesk.support.Jdbc.inTransaction(
                        dataSource, c -> NotificationStore.subscription(c, id))
                .orElseThrow();
        assertThat(sealed.secret()).startsWith("enc:v1:test-1:");
        assertThat(webhookSecrets.signingSecrets(sealed, clock.instant())).containsExactly("plain-old-secret-1234");
        assertThat(webhookSecrets.resealAll(dataSource))
                .as("nothing left to seal")
                .isZero();
    }

    @Test
    void anUnreachableWebhookIsParkedAndCanBeReplayed() throws Exception {
        register(SupportLanguage.EN, List.of());
        try (WebhookReceiver receiver = new WebhookReceiver(3)) {
            given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "url",
                            receiver.url(),
                            "eventTypes",
                            List.of("support.ticket.opened.v1"),
                            "accounts",
                            List.of(account),
                            "secret",
                            "a-partner-chosen-secret"))
                    .post("/api/notifications/webhooks")
                    .then()
                    .statusCode(201);
            open(Severity.SEV3);
            awaitWebhookAttempts(1);
            clock.set(clock.instant().plusSeconds(2));
            awaitWebhookAttempts(2);
            clock.set(clock.instant().plusSeconds(3));
            awaitWebhookAttempts(3);
            assertThat(receiver.requests).hasSize(3);

            String parked = await().atMost(WAIT)
                    .until(
                            () -> given().get("/api/notifications/dead-letters?limit=1000")
                                    .jsonPath()
                                    .getString("find { it.subjectId == '" + ticket + "' }.id"),
                            id -> id != null);
            given().get("/api/notifications/deliveries/" + parked)
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("PARKED"))
                    .body("attempts", equalTo(3))
                    .body("lastError", equalTo("HTTP 503"));
            List<CloudEvent> failed = outcomes(ticket, 1).stream()
                    .filter(e -> e.type().equals("support.notification.failed.v1"))
                    .toList();
            assertThat(failed).hasSize(1);

            given().post("/api/notifications/dead-letters/" + parked + "/replay")
                    .then()
                    .statusCode(202);
            await().atMost(WAIT).until(() -> receiver.succeeded().size() == 1);
            given().get("/api/notifications/deliveries/" + parked).then().body("state", equalTo("SENT"));
            given().post("/api/notifications/dead-letters/" + parked + "/replay")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void badSubscriptionsGetAProblemNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://x", "eventTypes", List.of("support.ticket.*"), "accounts", List.of("a")))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("url"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "url",
                        "https://93.184.215.14/hook",
                        "eventTypes",
                        List.of("support.nothing.v9"),
                        "accounts",
                        List.of("a")))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("eventTypes[0]"));
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "https://93.184.215.14/hook", "eventTypes", List.of("support.ticket.*")))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("accounts"));
        given().contentType(ContentType.JSON)
                .body("{\"url\": 12,")
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().post("/api/notifications/dead-letters/nope/replay")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/notifications/webhooks/nope").then().statusCode(404);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopic() {
        TopicReader.send(
                Topics.TICKET_EVENTS,
                ticket,
                Map.of("ce_type", "support.ticket.opened.v1", "ce_id", "bad-" + ticket),
                "{not json".getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.await(
                Topics.deadLetter(Topics.TICKET_EVENTS),
                r -> ticket.equals(r.key())
                        && "notification-service".equals(TopicReader.header(r, "dead-letter-consumer")),
                seen -> !seen.isEmpty(),
                WAIT);
        assertThat(TopicReader.header(dead.get(0), "dead-letter-reason")).isNotBlank();
        // and the consumer goes on
        register(SupportLanguage.PT, List.of());
        open(Severity.SEV3);
        assertThat(mails(ann(), 1).get(0).subject()).contains("Ticket recebido");
    }
}
