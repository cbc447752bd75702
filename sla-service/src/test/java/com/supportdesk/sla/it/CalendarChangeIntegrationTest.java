package com.supportdesk.sla.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.CalendarChanged;
import com.supportdesk.contract.event.ClockRetargeted;
import com.supportdesk.contract.event.SlaEvent;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.RetargetReason;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.sla.timer.TimerScheduler;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calendars as data over HTTP, the real broker and PostgreSQL: versions, If-Match, the history, the .ics import, the
 * sla-config topic, and the re-targeting of the running clocks of a changed calendar (and of no other).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CalendarChangeIntegrationTest {

    static final String TOKYO = """
            {"name": "Tokyo office", "zone": "Asia/Tokyo",
             "hours": {"MONDAY": ["09:00-18:00"], "TUESDAY": ["09:00-18:00"], "WEDNESDAY": ["09:00-18:00"],
                       "THURSDAY": ["09:00-18:00"], "FRIDAY": ["09:00-18:00"]},
             "holidays": [{"name": "New Year's Day", "date": "01-01"}]}""";

    static final String FEED = String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example//Holidays//EN",
            "BEGIN:VEVENT",
            "UID:founders@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Founders' Day",
            "DTSTART;VALUE=DATE:20261214",
            "DTEND;VALUE=DATE:20261215",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:culture@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Culture Day",
            "DTSTART;VALUE=DATE:20201103",
            "RRULE:FREQ=YEARLY",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:meeting@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:All-hands",
            "DTSTART:20261201T010000Z",
            "END:VEVENT",
            "END:VCALENDAR",
            "");

    @Inject
    TestClock clock;

    @Inject
    TimerScheduler timers;

    @BeforeAll
    static void authenticateAsAdmin() {
        io.restassured.RestAssured.authentication =
                io.restassured.RestAssured.oauth2(TestTokens.staff("adam", "admin"));
    }

    @org.junit.jupiter.api.AfterAll
    static void back() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Test
    void aCalendarIsCreatedChangedOnlyAtTheVersionReadImportedIntoAndDeletedWithItsHistory() {
        String id = "tokyo-" + UUID.randomUUID().toString().substring(0, 8);
        clock.set(Instant.parse("2026-12-01T00:00:00Z"));

        Response created = given().contentType("application/json").body(TOKYO).put("/api/sla/calendars/" + id);
        created.then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("version", equalTo(1))
                .body("calendar.zone", equalTo("Asia/Tokyo"))
                .body("changedBy", equalTo("adam"));
        // the same again is no change
        given().contentType("application/json")
                .body(TOKYO)
                .put("/api/sla/calendars/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        // a change against a version that is no longer the latest is refused
        given().contentType("application/json")
                .header("If-Match", "\"7\"")
                .body(TOKYO.replace("18:00", "19:00"))
                .put("/api/sla/calendars/" + id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("detail", containsString("version 1"));
        given().contentType("application/json")
                .header("If-Match", "\"1\"")
                .body(TOKYO.replace("\"MONDAY\": [\"09:00-18:00\"]", "\"MONDAY\": [\"10:00-18:00\"]"))
                .put("/api/sla/calendars/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("changes", hasItem("MONDAY hours: [09:00-18:00] -> [10:00-18:00]"));

        Response imported = given().contentType("text/calendar")
                .header("If-Match", "\"2\"")
                .body(FEED)
                .post("/api/sla/calendars/" + id + "/holidays/import");
        imported.then()
                .statusCode(200)
                .body("version", equalTo(3))
                .body("added.name", equalTo(List.of("Founders' Day", "Culture Day")))
                .body("added[1].date", equalTo("11-03"))
                .body("skipped[0].summary", equalTo("All-hands"))
                .body("skipped[0].reason", containsString("not an all-day event"));
        given().get("/api/sla/calendars/" + id + "?year=2026")
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"")
                .body("holidays", hasItems("2026-01-01", "2026-11-03", "2026-12-14"));
        // counted on it at once: Friday 11 December 18:00 Tokyo plus 2 business hours is Tuesday 15 December 11:00
        // (Monday is Founders' Day)
        given().contentType("application/json")
                .body(Map.of("start", "2026-12-11T09:00:00Z", "businessTime", "PT2H"))
                .post("/api/sla/calendars/" + id + "/deadline")
                .then()
                .statusCode(200)
                .body("deadline", equalTo("2026-12-15T02:00:00Z"));

        given().delete("/api/sla/calendars/europe")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("policy standard"));
        given().header("If-Match", "\"2\"")
                .delete("/api/sla/calendars/" + id)
                .then()
                .statusCode(412);
        given().header("If-Match", "\"3\"")
                .delete("/api/sla/calendars/" + id)
                .then()
                .statusCode(204);
        given().get("/api/sla/calendars/" + id).then().statusCode(404);
        given().get("/api/sla/calendars").then().body("id", not(hasItem(id)));

        given().auth()
                .oauth2(TestTokens.staff("olga", "ops"))
                .get("/api/sla/calendars/" + id + "/history")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3, 4)))
                .body("[0].changes[0]", containsString("created"))
                .body("[2].changes", hasItem("holiday added: Founders' Day on 2026-12-14"))
                .body("[2].changedBy", equalTo("adam"))
                .body("[3].deleted", equalTo(true));

        // every version is on sla-config, keyed by the calendar, the whole definition in each
        List<CloudEvent> published = Wire.envelopes(Topics.SLA_CONFIG, "calendar:" + id, 4);
        assertThat(published).extracting(CloudEvent::type).containsOnly("support.sla.calendar-changed.v1");
        CalendarChanged third = (CalendarChanged) published.get(2).data();
        assertThat(third.version()).isEqualTo(3);
        assertThat(third.calendar().holidays()).hasSize(3);
        assertThat(third.changedBy()).isEqualTo("adam");
        assertThat(((CalendarChanged) published.get(3).data()).deleted()).isTrue();
        // and on the audit trail
        assertThat(com.supportdesk.testinfra.AuditEntries.await(
                        id, "calendar.holidays-imported", 1, Duration.ofSeconds(30)))
                .isNotEmpty();
    }

    @Test
    void badDefinitionsAreRefusedNamingTheFieldAndOnlyAnAdministratorChangesCalendars() {
        String id = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json")
                .body(TOKYO.replace("Asia/Tokyo", "Asia/Tokio"))
                .put("/api/sla/calendars/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("zone"))
                .body("violations[0].reason", containsString("Asia/Tokio"));
        given().contentType("application/json")
                .body(TOKYO.replace("\"TUESDAY\": [\"09:00-18:00\"]", "\"TUESDAY\": [\"9-18\"]"))
                .put("/api/sla/calendars/" + id)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("hours.TUESDAY[0]"));
        given().contentType("application/json")
                .body(TOKYO.replace("\"date\": \"01-01\"", "\"date\": \"01-01\", \"easterOffset\": 1"))
                .put("/api/sla/calendars/" + id)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("holidays[0]"))
                .body("violations[0].reason", containsString("exactly one of"));
        given().contentType("application/json")
                .body(TOKYO.replace("{\"name\"", "{\"id\": \"other\", \"name\""))
                .put("/api/sla/calendars/" + id)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("id"));
        given().get("/api/sla/calendars/" + id).then().statusCode(404);
        for (String role : List.of("agent", "ops", "engineer")) {
            given().auth()
                    .oauth2(TestTokens.staff("someone", role))
                    .contentType("application/json")
                    .body(TOKYO)
                    .put("/api/sla/calendars/" + id)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aChangeReTargetsTheRunningClocksOnThatCalendarFromTheInstantOfTheChangeAndNoOthers() {
        String houston = "acc-us-" + UUID.randomUUID();
        String brussels = "acc-eu-" + UUID.randomUUID();
        Wire.registerAccount(houston, "AMERICAS", "standard");
        Wire.registerAccount(brussels, "EUROPE", "standard");
        String us = "t-" + UUID.randomUUID();
        String eu = "t-" + UUID.randomUUID();
        // Monday 3 June 2030, 09:00 in Houston (CDT, 14:00Z); the change comes two business hours later
        Instant opened = Instant.parse("2030-06-03T14:00:00Z");
        clock.set(Instant.parse("2030-06-03T16:00:00Z"));
        timers.poke();
        Wire.ticketEvent(0, Wire.opened(us, houston, Severity.SEV2, opened));
        Wire.ticketEvent(0, Wire.opened(eu, brussels, Severity.SEV2, opened));
        assertThat(Wire.slaEvents(us, 2)).hasSize(2);
        assertThat(Wire.slaEvents(eu, 2)).hasSize(2);

        Response read = given().get("/api/sla/calendars/americas/definition");
        String version = read.header("ETag");
        @SuppressWarnings("unchecked")
        Map<String, Object> definition = read.jsonPath().getMap("calendar");
        @SuppressWarnings("unchecked")
        List<Object> holidays = new java.util.ArrayList<>((List<Object>) definition.get("holidays"));
        // a flood closes the office for the rest of today, and tomorrow for the clean-up
        holidays.add(Map.of("name", "Flood", "on", "2030-06-03"));
        holidays.add(Map.of("name", "Clean-up", "on", "2030-06-04"));
        Map<String, Object> changed = new java.util.HashMap<>(definition);
        changed.put("holidays", holidays);
        given().contentType("application/json")
                .header("If-Match", version)
                .body(changed)
                .put("/api/sla/calendars/americas")
                .then()
                .statusCode(200)
                .body(
                        "changes",
                        hasItems("holiday added: Flood on 2030-06-03", "holiday added: Clean-up on 2030-06-04"));
        int newVersion = Integer.parseInt(
                given().get("/api/sla/calendars/americas").header("ETag").replace("\"", ""));

        List<SlaEvent> events = Wire.slaEvents(us, 4);
        List<ClockRetargeted> moved = events.stream()
                .filter(ClockRetargeted.class::isInstance)
                .map(ClockRetargeted.class::cast)
                .toList();
        assertThat(moved).hasSize(2);
        ClockRetargeted response = moved.stream()
                .filter(m -> m.clock() == ClockKind.RESPONSE)
                .findFirst()
                .orElseThrow();
        ClockRetargeted resolution = moved.stream()
                .filter(m -> m.clock() == ClockKind.RESOLUTION)
                .findFirst()
                .orElseThrow();
        // the two hours before the change stay counted; the rest of Monday and Tuesday no longer count
        assertThat(response.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(response.reason()).isEqualTo(RetargetReason.CALENDAR_CHANGED);
        assertThat(response.calendarVersion()).isEqualTo(newVersion);
        assertThat(response.target()).isEqualTo(Duration.ofHours(4));
        assertThat(response.deadline()).isEqualTo(Instant.parse("2030-06-05T14:00:00Z")); // Wednesday 09:00
        assertThat(resolution.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(resolution.deadline()).isEqualTo(Instant.parse("2030-06-07T14:00:00Z")); // Friday 09:00

        given().get("/api/sla/tickets/" + us)
                .then()
                .body("clocks[0].deadline", equalTo("2030-06-05T14:00:00Z"))
                .body("clocks[0].elapsed", equalTo("PT2H"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/sla/calendars/americas/recalculations")
                        .then()
                        .statusCode(200)
                        .body("[0].version", equalTo(newVersion))
                        .body("[0].finishedAt", not(equalTo(null)))
                        .body("[0].clocksMoved", equalTo(2)));
        // the Brussels ticket's clocks were not touched
        assertThat(Wire.slaEvents(eu, 2)).hasSize(2);
        given().get("/api/sla/tickets/" + eu).then().body("clocks", hasSize(2));
    }

    /**
     * A change to a calendar with many running clocks: its slices (seven tickets each in tests) are re-targeted by
     * three threads at once, each in its own transaction, and every clock still moves exactly once, each ticket's
     * sla-events keep their sequence without a gap or a repeat, and the re-targeting's figures add up.
     */
    @Test
    void aChangeWorkedInSlicesAtOnceMovesEveryClockOnceInEachTicketsOrder() {
        Office office = officeWithTickets(40);
        int version = closeTodayAndTomorrow(office.calendar());

        assertEveryClockMovedOnceInOrder(office, version);
    }

    /**
     * The relay publishes the outbox in order, so what a re-targeting queues is ahead of every breach queued after
     * it. While the relay cannot publish (here: another session holds its lock, as another instance's relay would
     * while it is stuck), the re-targeting stops taking slices instead of filling the outbox, and it carries on once
     * the relay does.
     */
    @Test
    void aReTargetingWaitsForTheRelayInsteadOfRunningAheadOfIt() throws Exception {
        Office office = officeWithTickets(100);
        io.micrometer.core.instrument.Counter waits =
                meters.get("support.sla.recalculation.relay.waits").counter();
        int version = withRelayHeld(dataSource, () -> {
            double before = waits.count();
            int changed = closeTodayAndTomorrow(office.calendar());
            // three slices in flight, and two finished whose messages the relay has not published: 35 tickets
            await().atMost(Duration.ofSeconds(60)).until(() -> waits.count() >= before + 3);
            assertThat(recalculation(office.calendar(), changed).getInt("ticketsLookedAt"))
                    .isLessThanOrEqualTo(5 * 7);
            await().atMost(Duration.ofSeconds(60)).until(() -> waits.count() >= before + 20);
            io.restassured.path.json.JsonPath held = recalculation(office.calendar(), changed);
            assertThat(held.getInt("ticketsLookedAt")).isLessThanOrEqualTo(5 * 7);
            assertThat(held.getString("finishedAt")).isNull();
            return changed;
        });
        assertEveryClockMovedOnceInOrder(office, version);
    }

    /**
     * Tickets held by another transaction when a pass ends, as another instance's slices in flight hold theirs: the
     * pass does not end and start again over them (which would only skip them, and use up the passes), but waits for
     * them. Once they are free, their clocks move too, and only then is the re-targeting finished.
     */
    @Test
    void ticketsHeldElsewhereAreWaitedForNotGivenUp() throws Exception {
        Office office = officeWithTickets(20);
        List<String> held = office.tickets().stream().sorted().limit(3).toList();
        io.micrometer.core.instrument.Counter waits =
                meters.get("support.sla.recalculation.lock.waits").counter();
        int version = withTicketsHeld(dataSource, held, () -> {
            double before = waits.count();
            int changed = closeTodayAndTomorrow(office.calendar());
            await().atMost(Duration.ofSeconds(60)).until(() -> waits.count() >= before + 20);
            io.restassured.path.json.JsonPath meanwhile = recalculation(office.calendar(), changed);
            assertThat(meanwhile.getInt("ticketsLookedAt")).isEqualTo(20 - held.size());
            assertThat(meanwhile.getString("finishedAt")).isNull();
            return changed;
        });
        assertEveryClockMovedOnceInOrder(office, version);
    }

    /** Runs {@code work} while a session of the test holds sla-service's rows of {@code tickets}. */
    static <T> T withTicketsHeld(
            javax.sql.DataSource dataSource, List<String> tickets, java.util.concurrent.Callable<T> work)
            throws Exception {
        try (java.sql.Connection session = dataSource.getConnection()) {
            session.setAutoCommit(false);
            try (var lock =
                    session.prepareStatement("SELECT ticket_id FROM sla_ticket WHERE ticket_id = ANY(?) FOR UPDATE")) {
                lock.setArray(1, session.createArrayOf("varchar", tickets.toArray()));
                try (var rows = lock.executeQuery()) {
                    int n = 0;
                    while (rows.next()) {
                        n++;
                    }
                    assertThat(n).isEqualTo(tickets.size());
                }
            }
            try {
                return work.call();
            } finally {
                session.rollback();
            }
        }
    }

    /**
     * Runs {@code work} while a session of the test holds sla-service's relay lock, as the publishing instance's relay
     * holds it: nothing of sla-service's outbox is published meanwhile.
     */
    static <T> T withRelayHeld(javax.sql.DataSource dataSource, java.util.concurrent.Callable<T> work)
            throws Exception {
        try (java.sql.Connection session = dataSource.getConnection()) {
            relayLock(session, "pg_advisory_lock");
            try {
                return work.call();
            } finally {
                relayLock(session, "pg_advisory_unlock");
            }
        }
    }

    private static void relayLock(java.sql.Connection session, String function) throws java.sql.SQLException {
        try (var call = session.prepareStatement("SELECT " + function + "(?)")) {
            call.setLong(1, com.supportdesk.sla.timer.OutboxPublisher.LOCK_KEY);
            call.execute();
        }
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Inject
    javax.sql.DataSource dataSource;

    /** A calendar and a region of its own (so no other test's tickets are on it), with an account's open tickets. */
    record Office(String calendar, java.util.Set<String> tickets) {}

    /**
     * Makes an office on Tokyo's hours and opens {@code tickets} SEV2 tickets there at 09:00 on Monday 3 June 2030;
     * the clock then stands two business hours later.
     */
    private Office officeWithTickets(int tickets) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String office = "osaka-" + suffix;
        String region = "KANSAI_" + suffix.toUpperCase();
        clock.set(Instant.parse("2030-06-03T00:00:00Z"));
        given().contentType("application/json")
                .body(TOKYO)
                .put("/api/sla/calendars/" + office)
                .then()
                .statusCode(201);
        given().contentType("application/json")
                .body(Map.of("name", "Kansai", "calendar", office, "languages", List.of("EN")))
                .put("/api/sla/regions/" + region)
                .then()
                .statusCode(201);
        String account = "acc-kansai-" + UUID.randomUUID();
        Wire.registerAccount(account, region, "standard");
        Instant opened = Instant.parse("2030-06-03T00:00:00Z");
        clock.set(Instant.parse("2030-06-03T02:00:00Z"));
        timers.poke();
        return new Office(office, Wire.openTickets("t-kansai-" + suffix, account, tickets, opened));
    }

    /** Closes the office for the rest of Monday and for Tuesday; answers the calendar's new version. */
    private static int closeTodayAndTomorrow(String office) {
        Response read = given().get("/api/sla/calendars/" + office + "/definition");
        @SuppressWarnings("unchecked")
        Map<String, Object> definition = new java.util.HashMap<>(read.jsonPath().getMap("calendar"));
        @SuppressWarnings("unchecked")
        List<Object> holidays = new java.util.ArrayList<>((List<Object>) definition.get("holidays"));
        holidays.add(Map.of("name", "Typhoon", "on", "2030-06-03"));
        holidays.add(Map.of("name", "Clean-up", "on", "2030-06-04"));
        definition.put("holidays", holidays);
        given().contentType("application/json")
                .header("If-Match", read.header("ETag"))
                .body(definition)
                .put("/api/sla/calendars/" + office)
                .then()
                .statusCode(200);
        return Integer.parseInt(
                given().get("/api/sla/calendars/" + office).header("ETag").replace("\"", ""));
    }

    private static io.restassured.path.json.JsonPath recalculation(String office, int version) {
        io.restassured.path.json.JsonPath latest = given().get("/api/sla/calendars/" + office + "/recalculations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(latest.getInt("[0].version")).isEqualTo(version);
        return latest.setRootPath("[0]");
    }

    /**
     * The re-targeting finished with both clocks of every ticket moved, and each ticket's four sla-events: its two
     * clocks started, then each moved once, in sequence without a gap.
     */
    private static void assertEveryClockMovedOnceInOrder(Office office, int version) {
        int tickets = office.tickets().size();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/api/sla/calendars/" + office.calendar() + "/recalculations")
                        .then()
                        .statusCode(200)
                        .body("[0].version", equalTo(version))
                        .body("[0].finishedAt", not(equalTo(null)))
                        .body("[0].clocksMoved", equalTo(2 * tickets))
                        .body("[0].ticketsLookedAt", equalTo(tickets))
                        // the same figure under the name first published
                        .body("[0].clocksLookedAt", equalTo(tickets)));
        List<CloudEvent> events = com.supportdesk.testinfra.TopicReader.await(
                        Topics.SLA_EVENTS,
                        r -> office.tickets().contains(r.key()),
                        l -> l.size() >= 4 * office.tickets().size(),
                        Duration.ofSeconds(60))
                .stream()
                .map(Wire::decode)
                .toList();
        assertThat(events).hasSize(4 * office.tickets().size());
        Map<String, List<CloudEvent>> byTicket =
                events.stream().collect(java.util.stream.Collectors.groupingBy(CloudEvent::subject));
        assertThat(byTicket.keySet()).isEqualTo(office.tickets());
        byTicket.forEach((ticket, own) -> {
            List<Long> sequences = own.stream().map(CloudEvent::sequence).toList();
            assertThat(sequences).as(ticket).containsExactly(1L, 2L, 3L, 4L);
            List<ClockRetargeted> moved = own.stream()
                    .map(CloudEvent::data)
                    .filter(ClockRetargeted.class::isInstance)
                    .map(ClockRetargeted.class::cast)
                    .toList();
            assertThat(moved)
                    .as(ticket)
                    .extracting(ClockRetargeted::clock)
                    .containsExactlyInAnyOrder(ClockKind.RESPONSE, ClockKind.RESOLUTION);
            assertThat(moved).as(ticket).allSatisfy(m -> {
                assertThat(m.calendarVersion()).isEqualTo(version);
                assertThat(m.reason()).isEqualTo(RetargetReason.CALENDAR_CHANGED);
                assertThat(m.elapsed()).isEqualTo(Duration.ofHours(2));
            });
        });
    }
}
