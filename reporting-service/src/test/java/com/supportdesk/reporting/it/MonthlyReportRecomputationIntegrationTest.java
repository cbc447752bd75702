package com.supportdesk.reporting.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.OutageEnded;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.SlaMissed;
import com.supportdesk.contract.event.TicketOpened;
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
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A generated month (Asia: Manila, no daylight saving): 300 tickets with random severities, response outcomes and
 * times, some opened just outside the month, random outages and maintenance windows. The report's figures must equal
 * a recomputation from the generated raw events, done here independently of the service's code.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class MonthlyReportRecomputationIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    private static final ZoneId MANILA = ZoneId.of("Asia/Manila");
    private static final Instant FROM =
            ZonedDateTime.of(2026, 9, 1, 0, 0, 0, 0, MANILA).toInstant();
    private static final Instant TO =
            ZonedDateTime.of(2026, 10, 1, 0, 0, 0, 0, MANILA).toInstant();

    record Generated(
            Severity severity,
            Instant openedAt,
            boolean responded,
            boolean met,
            long seconds,
            boolean resolved,
            boolean resolvedMet) {}

    record Window(boolean planned, Instant start, Instant end) {}

    static void send(String topic, String key, Long sequence, Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "gen",
                key,
                Instant.now(),
                sequence,
                null,
                event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    @Test
    void theReportEqualsARecomputationFromTheRawEvents() {
        Random random = new Random(20260901L);
        String account = "gen-" + UUID.randomUUID().toString().substring(0, 8);
        String app = "ledger-" + account;
        send(
                Topics.ACCOUNT_EVENTS,
                account,
                null,
                new AccountRegistered(
                        account,
                        new AccountProfile(
                                "Generated",
                                "ASIA",
                                SupportLanguage.EN,
                                "standard",
                                new Contact("a", "A", "a@x.example", null),
                                new Contact("b", "B", "b@x.example", null),
                                new Contact("s", "S", "s@x.example", null),
                                List.of(),
                                List.of(app),
                                false),
                        "admin",
                        FROM));

        List<Generated> tickets = new ArrayList<>();
        long span = Duration.between(FROM, TO).toSeconds();
        for (int i = 0; i < 300; i++) {
            Severity severity = Severity.values()[random.nextInt(4)];
            // 10 % just outside the month, on either side
            long offset = random.nextInt(10) == 0
                    ? (random.nextBoolean() ? -1 - random.nextInt(7200) : span + random.nextInt(7200))
                    : random.nextLong(span);
            Instant opened = FROM.plusSeconds(offset);
            boolean responded = random.nextInt(10) != 0;
            boolean met = random.nextInt(10) < 8;
            long seconds = 60L + random.nextInt(4 * 3600);
            boolean resolved = random.nextInt(3) != 0;
            boolean resolvedMet = random.nextInt(4) != 0;
            Generated g = new Generated(severity, opened, responded, met, seconds, resolved, resolvedMet);
            tickets.add(g);
            String id = "t-" + UUID.randomUUID();
            send(
                    Topics.TICKET_EVENTS,
                    id,
                    0L,
                    new TicketOpened(
                            id,
                            account,
                            "G-" + i,
                            TicketKind.INCIDENT,
                            severity,
                            Impact.STANDARD,
                            null,
                            severity.ordinal() < 2,
                            SupportLevel.L1,
                            "gen",
                            "gen",
                            app,
                            null,
                            "a",
                            opened));
            if (responded) {
                Duration elapsed = Duration.ofSeconds(seconds);
                send(
                        Topics.SLA_EVENTS,
                        id,
                        null,
                        met
                                ? new SlaMet(
                                        id,
                                        account,
                                        ClockKind.RESPONSE,
                                        "standard",
                                        "asia",
                                        severity,
                                        Duration.ofHours(4),
                                        elapsed,
                                        opened,
                                        opened)
                                : new SlaMissed(
                                        id,
                                        account,
                                        ClockKind.RESPONSE,
                                        "standard",
                                        "asia",
                                        severity,
                                        Duration.ofHours(4),
                                        elapsed,
                                        opened,
                                        opened));
            }
            if (resolved) {
                send(
                        Topics.SLA_EVENTS,
                        id,
                        null,
                        resolvedMet
                                ? new SlaMet(
                                        id,
                                        account,
                                        ClockKind.RESOLUTION,
                                        "standard",
                                        "asia",
                                        severity,
                                        Duration.ofHours(40),
                                        Duration.ofHours(1),
                                        opened,
                                        opened)
                                : new SlaMissed(
                                        id,
                                        account,
                                        ClockKind.RESOLUTION,
                                        "standard",
                                        "asia",
                                        severity,
                                        Duration.ofHours(40),
                                        Duration.ofHours(41),
                                        opened,
                                        opened));
            }
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean planned = i % 3 == 0;
            Instant start = FROM.plusSeconds(random.nextLong(span) - 3600); // some start before the month
            Instant end = start.plusSeconds(60L * (5 + random.nextInt(300)));
            windows.add(new Window(planned, start, end));
            String id = (planned ? "mnt-" : "out-") + UUID.randomUUID();
            send(
                    Topics.TICKET_EVENTS,
                    id,
                    0L,
                    planned
                            ? new MaintenanceScheduled(id, app, List.of(), start, end, false, "gen", "ops", FROM)
                            : new OutageEnded(id, app, List.of(account), start, end, null, "ops", end));
        }

        // ---- the recomputation, from the generated data only ----
        List<Generated> inMonth = tickets.stream()
                .filter(t -> !t.openedAt().isBefore(FROM) && t.openedAt().isBefore(TO))
                .toList();
        long monthMinutes = Duration.between(FROM, TO).toMinutes();
        long planned = 0;
        long unplanned = 0;
        int unplannedCount = 0;
        for (Window w : windows) {
            Instant s = w.start().isBefore(FROM) ? FROM : w.start();
            Instant e = w.end().isAfter(TO) ? TO : w.end();
            long minutes = e.isAfter(s) ? Duration.between(s, e).toMinutes() : 0;
            if (w.planned()) {
                planned += minutes;
            } else if (minutes > 0) {
                unplanned += minutes;
                unplannedCount++;
            }
        }
        double availability = 100.0 * (monthMinutes - planned - unplanned) / (monthMinutes - planned);
        final long plannedTotal = planned;
        final int unplannedOutages = unplannedCount;

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var r = given().get("/api/reports/accounts/" + account + "/monthly/2026-09");
            if (r.statusCode() != 200) {
                return false;
            }
            JsonPath j = r.jsonPath();
            int measured = 0;
            int resolvedMeasured = 0;
            for (String sev : List.of("SEV1", "SEV2", "SEV3", "SEV4")) {
                measured += j.getInt("severities.find { it.severity == '" + sev + "' }.responseMeasured");
                resolvedMeasured += j.getInt("severities.find { it.severity == '" + sev + "' }.resolutionMeasured");
            }
            Integer outages = j.get("applications.find { it.application == '" + app + "' }.unplannedOutages");
            Integer plannedMinutes =
                    j.get("applications.find { it.application == '" + app + "' }.plannedMaintenanceMinutes");
            return j.getInt("ticketsOpened") == inMonth.size()
                    && measured == inMonth.stream().filter(Generated::responded).count()
                    && resolvedMeasured
                            == inMonth.stream().filter(Generated::resolved).count()
                    && outages != null
                    && outages == unplannedOutages
                    && plannedMinutes != null
                    && plannedMinutes == plannedTotal;
        });
        JsonPath report = given().get("/api/reports/accounts/" + account + "/monthly/2026-09")
                .jsonPath();
        assertThat(report.getString("zone")).isEqualTo("Asia/Manila");
        for (Severity severity : Severity.values()) {
            List<Generated> list =
                    inMonth.stream().filter(t -> t.severity() == severity).toList();
            List<Generated> responded =
                    list.stream().filter(Generated::responded).toList();
            long inTime = responded.stream().filter(Generated::met).count();
            List<Long> sorted =
                    responded.stream().map(Generated::seconds).sorted().toList();
            String path = "severities.find { it.severity == '" + severity + "' }.";
            assertThat(report.getInt(path + "opened")).as(severity + " opened").isEqualTo(list.size());
            assertThat(report.getInt(path + "respondedInTime"))
                    .as(severity + " in time")
                    .isEqualTo((int) inTime);
            if (!responded.isEmpty()) {
                assertThat(report.getDouble(path + "responsePercent"))
                        .as(severity + " percent")
                        .isCloseTo(100.0 * inTime / responded.size(), org.assertj.core.data.Offset.offset(0.051));
                long median = sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1);
                long p90 = sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
                assertThat(report.getDouble(path + "responseMedianHours"))
                        .as(severity + " median")
                        .isCloseTo(median / 3600.0, org.assertj.core.data.Offset.offset(0.0051));
                assertThat(report.getDouble(path + "responseP90Hours"))
                        .as(severity + " p90")
                        .isCloseTo(p90 / 3600.0, org.assertj.core.data.Offset.offset(0.0051));
                assertThat(report.getBoolean(path + "objectiveMet"))
                        .isEqualTo(inTime * 100.0 / responded.size() >= 90.0);
            }
            long resolvedInTime =
                    list.stream().filter(t -> t.resolved() && t.resolvedMet()).count();
            assertThat(report.getInt(path + "resolvedInTime"))
                    .as(severity + " resolved")
                    .isEqualTo((int) resolvedInTime);
        }
        String app0 = "applications.find { it.application == '" + app + "' }.";
        assertThat(report.getLong(app0 + "monthMinutes")).isEqualTo(monthMinutes);
        assertThat(report.getLong(app0 + "unplannedOutageMinutes")).isEqualTo(unplanned);
        assertThat(report.getDouble(app0 + "availabilityPercent"))
                .isCloseTo(availability, org.assertj.core.data.Offset.offset(0.0006));
    }
}
