package com.supportdesk.sla.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.AuthorizationMatrix;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** sla-service's authorisation matrix (the same table as in docs/api.md). */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AuthorizationMatrixIntegrationTest {
    //                        cust     cdsc     partner  agent eng sam ops admin service none
    static final String READ = "ok 404  ok 404  ok 404   ok ok ok ok ok ok 401";
    static final String ANY = "ok ok ok ok ok ok ok ok ok ok ok ok 401";
    static final String OPS = "403 403 403 403 403 403 403 403 403 ok ok 403 401";
    static final String ADMIN = "403 403 403 403 403 403 403 403 403 403 ok 403 401";
    /** An .ics feed whose only event is at a time of day: imported, it adds nothing. */
    static final String NOTHING_TO_IMPORT = String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example//Matrix//EN",
            "BEGIN:VEVENT",
            "UID:meeting@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Meeting",
            "DTSTART:20261201T100000Z",
            "END:VEVENT",
            "END:VCALENDAR",
            "");

    static void send(String topic, String key, Long sequence, String account, Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "ticket-service",
                key,
                Instant.now(),
                sequence,
                account,
                event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    static String standardPolicy() {
        try (var in = AuthorizationMatrixIntegrationTest.class
                .getClassLoader()
                .getResourceAsStream("policies/standard.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyPathAnswersEachCallerAsTheTableSays() {
        String own = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.parse("2026-01-05T08:00:00Z");
        send(
                Topics.ACCOUNT_EVENTS,
                own,
                0L,
                own,
                new AccountRegistered(
                        own,
                        new AccountProfile(
                                "Account " + own,
                                "EUROPE",
                                SupportLanguage.EN,
                                "standard",
                                new Contact("ann", "Ann", "ann@example.com", null),
                                new Contact("bob", "Bob", "bob@example.com", null),
                                new Contact("sam", "Sam", "sam@example.com", null),
                                List.of(),
                                List.of(),
                                false),
                        "admin",
                        at));
        String ticket = "t-" + UUID.randomUUID();
        send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                own,
                new TicketOpened(
                        ticket,
                        own,
                        "TKT-M",
                        TicketKind.INCIDENT,
                        Severity.SEV3,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "Slow",
                        "x",
                        null,
                        null,
                        "ann",
                        at));
        String staff = TestTokens.allStaff();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(staff)
                                .get("/api/sla/tickets/" + ticket)
                                .statusCode()
                        == 200);
        // account-events and ticket-events have consumers of their own: the ticket may be seen before its account
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(staff)
                                .get("/api/sla/accounts/" + own)
                                .statusCode()
                        == 200);

        AuthorizationMatrix matrix = new AuthorizationMatrix("sla-service", own, other)
                .row("GET /api/sla/me", null, ANY)
                .row("GET /api/sla/tickets/{ticket}", null, READ)
                // the support side decides; the ticket's standard plan sets no follow-up, so it is a 409 for them
                .row(
                        "POST /api/sla/tickets/{ticket}/follow-up/downgrade",
                        () -> Map.of("reason", "matrix test"),
                        "403 403 403 403 403 403 ok ok 403 ok ok 403 401")
                .row("GET /api/sla/accounts/{account}", null, READ)
                .row("GET /api/sla/calendars", null, ANY)
                .row("GET /api/sla/calendars/{calendar}", null, ANY)
                .row(
                        "POST /api/sla/calendars/{calendar}/business-time",
                        () -> Map.of("from", "2026-01-05T08:00:00Z", "to", "2026-01-06T08:00:00Z"),
                        ANY)
                .row(
                        "POST /api/sla/calendars/{calendar}/deadline",
                        () -> Map.of("start", "2026-01-05T08:00:00Z", "businessTime", "PT4H"),
                        ANY)
                .row(
                        "POST /api/sla/calendars/{calendar}/exceptional-events",
                        () -> Map.of(
                                "from", "2031-01-07T08:00:00Z", "to", "2031-01-07T12:00:00Z", "reason", "matrix test"),
                        "403 403 403 403 403 403 403 403 403 ok ok 403 401")
                .row("GET /api/sla/calendars/{calendar}/definition", null, ANY)
                // the europe calendar as it is: an administrator's PUT is no change (200, same version)
                .row(
                        "PUT /api/sla/calendars/{calendar}",
                        () -> com.supportdesk.calendar.Calendars.json(
                                com.supportdesk.calendar.Calendars.shippedDefinitions()
                                        .get("europe")),
                        ADMIN)
                .row(
                        "POST /api/sla/calendars/{calendar}/holidays/import",
                        () -> new AuthorizationMatrix.Typed("text/calendar", NOTHING_TO_IMPORT),
                        ADMIN)
                .row("GET /api/sla/calendars/{calendar}/history", null, OPS)
                .row("GET /api/sla/calendars/{calendar}/recalculations", null, OPS)
                // europe is in use: an administrator's DELETE is a 409
                .row("DELETE /api/sla/calendars/{calendar}", null, ADMIN)
                .row("GET /api/sla/regions", null, ANY)
                .row("GET /api/sla/regions/{region}", null, ANY)
                .row("GET /api/sla/regions/{region}/history", null, OPS)
                // Europe as it is: an administrator's PUT is no change (200, same version)
                .row(
                        "PUT /api/sla/regions/{region}",
                        () -> Map.of("name", "Europe", "calendar", "europe", "languages", List.of("DE", "EN", "FR")),
                        ADMIN)
                // Europe is the default region: an administrator's DELETE is a 409
                .row("DELETE /api/sla/regions/{region}", null, ADMIN)
                .row("GET /api/sla/policies", null, ANY)
                .row("GET /api/sla/policies/{policy}", null, ANY)
                // the standard policy as shipped: an administrator's PUT is no change (200, same version)
                .row("PUT /api/sla/policies/{policy}", AuthorizationMatrixIntegrationTest::standardPolicy, ADMIN)
                .row("GET /api/sla/policies/{policy}/history", null, OPS)
                .row("GET /api/sla/policies/{policy}/recalculations", null, OPS)
                // standard is the default policy: an administrator's DELETE is a 409
                .row("DELETE /api/sla/policies/{policy}", null, ADMIN);
        Map<String, String> paths = Map.of(
                "ticket", ticket, "account", own, "calendar", "europe", "policy", "standard", "region", "EUROPE");
        assertThat(matrix.verify(paths))
                .as("cells that disagree with the table")
                .isEmpty();
        assertThat(matrix.verifyBadTokens(paths)).as("bad tokens not refused").isEmpty();
        assertThat(matrix.render(Path.of("..", "docs", "api.md"))).isNull();
    }
}
