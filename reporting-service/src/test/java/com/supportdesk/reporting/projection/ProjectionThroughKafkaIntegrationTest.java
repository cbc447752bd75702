package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketEscalated;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Many tickets' events through the real consumer, interleaved over two topics as the services publish them: every
 * change of every event must be on its ticket's row in the end (each row is written by several transactions in
 * quick succession).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ProjectionThroughKafkaIntegrationTest {
    private static final int TICKETS = 60;

    @Inject
    Mutiny.SessionFactory sessions;

    private static void send(String topic, String key, long sequence, Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "test",
                key,
                Instant.now(),
                sequence,
                null,
                event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    private TicketRecord row(String ticket) {
        try {
            return VertxContextSupport.subscribeAndAwait(
                    () -> sessions.withSession(s -> s.find(TicketRecord.class, ticket)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyEventOfEveryTicketIsOnItsRow() throws Exception {
        // operations watching the dashboard meanwhile: its reads run beside the projector's writes
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> watchers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    io.restassured.RestAssured.given()
                            .auth()
                            .oauth2(com.supportdesk.testinfra.TestTokens.staff("olga", "ops"))
                            .get("/api/reports/dashboard")
                            .then()
                            .statusCode(200);
                    io.restassured.RestAssured.given()
                            .auth()
                            .oauth2(com.supportdesk.testinfra.TestTokens.staff("olga", "ops"))
                            .get("/api/reports/tickets?size=50")
                            .then()
                            .statusCode(200);
                }
            });
            watcher.start();
            watchers.add(watcher);
        }
        try {
            project();
        } finally {
            watching.set(false);
            for (Thread t : watchers) {
                t.join(10_000);
            }
        }
    }

    private void project() {
        String account = "acc-kafka-" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant deadline = now.plus(Duration.ofMinutes(30));
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            String ticket = "t-kafka-" + UUID.randomUUID();
            tickets.add(ticket);
            send(
                    Topics.TICKET_EVENTS,
                    ticket,
                    0,
                    new TicketOpened(
                            ticket,
                            account,
                            "TKT-K" + i,
                            TicketKind.INCIDENT,
                            Severity.SEV1,
                            Impact.STANDARD,
                            null,
                            true,
                            SupportLevel.L1,
                            "Kafka " + i,
                            "x",
                            "pay",
                            null,
                            "ann",
                            now));
            send(
                    Topics.SLA_EVENTS,
                    ticket,
                    0,
                    new ClockStarted(
                            ticket,
                            account,
                            ClockKind.RESPONSE,
                            "standard",
                            "always-open",
                            Severity.SEV1,
                            Duration.ofMinutes(30),
                            Duration.ZERO,
                            deadline,
                            now));
            send(
                    Topics.TICKET_EVENTS,
                    ticket,
                    1,
                    new TicketEscalated(
                            ticket,
                            account,
                            EscalationTarget.STRATEGIC_ACCOUNT_MANAGER,
                            Severity.SEV1,
                            "breach",
                            "priority-breach",
                            "escalation-service",
                            now.plusSeconds(1)));
            send(
                    Topics.TICKET_EVENTS,
                    ticket,
                    2,
                    new TicketAcknowledged(ticket, account, Severity.SEV1, null, now, "agent", now.plusSeconds(2)));
        }
        String last = tickets.get(TICKETS - 1);
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            TicketRecord t = row(last);
            return t != null && t.lastSequence == 2 && t.responseDeadline != null;
        });
        // the consumer is through (the last ticket's events came last on both topics); now every row
        List<String> wrong = new ArrayList<>();
        for (String ticket : tickets) {
            TicketRecord t = row(ticket);
            if (t == null
                    || !"ACKNOWLEDGED".equals(t.status)
                    || !t.escalated
                    || !deadline.equals(t.responseDeadline)
                    || t.lastSequence != 2
                    || t.reference == null) {
                wrong.add(ticket
                        + (t == null
                                ? " missing"
                                : " status=" + t.status + " escalated=" + t.escalated + " deadline="
                                        + t.responseDeadline + " seq=" + t.lastSequence + " ref=" + t.reference));
            }
        }
        assertThat(wrong).as("rows missing a change").isEmpty();
    }
}
