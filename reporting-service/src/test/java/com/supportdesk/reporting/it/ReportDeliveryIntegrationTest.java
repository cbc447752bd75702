package com.supportdesk.reporting.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.ReportIssued;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketScopeFlagged;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.reporting.delivery.ReportIssuer;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The monthly report issued for delivery across a month end, with the issuer's clock set by the test: nothing before
 * the fifth business day, exactly one scheduled issue at it however often and from however many threads it is looked
 * for, the figures and the CSV in the event, and a resend asked for by operations recorded as issue 1.
 */
@QuarkusTest
@TestSecurity(user = "olga-ops", roles = "ops")
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReportDeliveryIntegrationTest {
    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @Inject
    ReportIssuer issuer;

    static void send(String topic, String key, Long sequence, Object event) {
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

    static CloudEvent decode(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return CloudEventCodec.decode(headers, r.value());
    }

    @Test
    void theScheduledReportIsIssuedOnceOnTheFifthBusinessDayAndAResendIsNumbered() throws Exception {
        String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        Contact ann = new Contact("ann", "Ann", "ann@x.example", null);
        send(
                Topics.ACCOUNT_EVENTS,
                account,
                null,
                new AccountRegistered(
                        account,
                        new AccountProfile(
                                "Client " + account,
                                "EUROPE",
                                SupportLanguage.FR,
                                "standard",
                                ann,
                                ann,
                                ann,
                                List.of(),
                                List.of("erp"),
                                false),
                        "admin",
                        Instant.parse("2026-09-01T00:00:00Z")));
        String ticket = "t-" + UUID.randomUUID();
        Instant opened = Instant.parse("2026-10-14T09:00:00Z");
        send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                new TicketOpened(
                        ticket,
                        account,
                        "TKT-R" + ticket.substring(2, 7),
                        TicketKind.SERVICE_REQUEST,
                        Severity.SEV3,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "Import our contacts",
                        "x",
                        "erp",
                        null,
                        "ann",
                        opened));
        send(
                Topics.TICKET_EVENTS,
                ticket,
                1L,
                new TicketScopeFlagged(ticket, account, true, "data imports are consulting", true, "ann", opened));
        send(
                Topics.SLA_EVENTS,
                ticket,
                null,
                new SlaMet(
                        ticket,
                        account,
                        ClockKind.RESPONSE,
                        "standard",
                        "europe",
                        Severity.SEV3,
                        Duration.ofHours(8),
                        Duration.ofHours(1),
                        opened.plus(Duration.ofHours(8)),
                        opened.plus(Duration.ofHours(1))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/reports/tickets/" + ticket)
                                        .then()
                                        .extract()
                                        .statusCode()
                                == 200
                        && given().get("/api/reports/tickets/" + ticket)
                                .jsonPath()
                                .getBoolean("nonStandard")
                        && "MET"
                                .equals(given().get("/api/reports/tickets/" + ticket)
                                        .jsonPath()
                                        .getString("responseOutcome")));

        // the fifth business day of November 2026 opens on Friday 6 at 07:00 in Brussels (06:00 UTC)
        issuer.issueDue(Instant.parse("2026-11-06T05:59:59Z"));
        assertThat(issuer.issues(account, OCTOBER)).as("not due yet").isEmpty();
        Instant due = Instant.parse("2026-11-06T06:00:00Z");
        // two instances (threads) find it due at once, and again later: one issue
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> issuer.issueDue(due));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> issuer.issueDue(due));
        one.get();
        two.get();
        issuer.issueDue(due.plus(Duration.ofDays(2)));
        assertThat(issuer.issues(account, OCTOBER)).singleElement().satisfies(i -> {
            assertThat(i.issue()).isZero();
            assertThat(i.resend()).isFalse();
        });
        List<ConsumerRecord<String, byte[]>> records = TopicReader.await(
                Topics.REPORT_EVENTS, r -> account.equals(r.key()), l -> !l.isEmpty(), Duration.ofSeconds(30));
        ReportIssued issued = (ReportIssued) decode(records.get(0)).data();
        assertThat(issued.month()).isEqualTo("2026-10");
        assertThat(issued.zone()).isEqualTo("Europe/Brussels");
        assertThat(issued.ticketsOpened()).isEqualTo(1);
        assertThat(issued.nonStandardTickets()).isEqualTo(1);
        assertThat(issued.severities())
                .filteredOn(s -> s.severity() == Severity.SEV3)
                .singleElement()
                .satisfies(s -> assertThat(s.respondedInTime()).isEqualTo(1));
        assertThat(issued.csv()).contains("data imports are consulting");

        // operations send it again: issue 1, a resend, on the topic after the first
        given().post("/api/reports/monthly-deliveries/" + account + "/2026-10")
                .then()
                .statusCode(202)
                .body("issue", is(1))
                .body("resend", is(true))
                // who asked: the caller's user id (another test class may have set a default token for RestAssured)
                .body("requestedBy", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        List<ConsumerRecord<String, byte[]>> both = TopicReader.await(
                Topics.REPORT_EVENTS, r -> account.equals(r.key()), l -> l.size() >= 2, Duration.ofSeconds(30));
        assertThat(both).hasSize(2);
        assertThat(((ReportIssued) decode(both.get(1)).data()).resend()).isTrue();
        given().get("/api/reports/monthly-deliveries/" + account + "/2026-10")
                .then()
                .statusCode(200)
                .body("issues.issue", is(List.of(0, 1)));

        // a month not over, a malformed one, an unknown account: clear errors
        given().post("/api/reports/monthly-deliveries/" + account + "/2099-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("month"));
        given().post("/api/reports/monthly-deliveries/" + account + "/2026-13")
                .then()
                .statusCode(400)
                .body("detail", containsString("yyyy-MM"));
        given().post("/api/reports/monthly-deliveries/nobody/2026-10").then().statusCode(404);
    }
}
