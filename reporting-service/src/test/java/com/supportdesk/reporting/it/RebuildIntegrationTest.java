package com.supportdesk.reporting.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The read model is damaged on purpose, rebuilt from the topics, and is whole again; queries answer meanwhile. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class RebuildIntegrationTest {
    @jakarta.inject.Inject
    com.supportdesk.reporting.projection.ProjectorDataSource dataSource;

    @jakarta.inject.Inject
    com.supportdesk.reporting.projection.Rebuilder rebuilder;

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    static void send(String topic, String key, Long sequence, Object event) {
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(event.getClass()).type(),
                "t",
                key,
                Instant.now(),
                sequence,
                null,
                event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    /** The read model's tables and indexes, by name. */
    java.util.List<String> indexes() {
        return com.supportdesk.support.Jdbc.inTransaction(
                dataSource,
                c -> com.supportdesk.support.Jdbc.strings(
                        c,
                        "select tablename || '.' || indexname from pg_indexes where schemaname = 'reporting'"
                                + " order by 1"));
    }

    /** The words of a ticket's search document, in order, without their positions. */
    String lexemes(String ticketId) {
        java.util.List<String> found = com.supportdesk.support.Jdbc.inTransaction(
                dataSource,
                c -> com.supportdesk.support.Jdbc.strings(
                        c,
                        "select array_to_string(tsvector_to_array(doc), ' ') from reporting.rpt_search"
                                + " where ticketid = ?",
                        ticketId));
        return String.join(" ", found);
    }

    @Test
    void aDamagedReadModelIsRebuiltFromTheTopicsWhileQueriesKeepAnswering() throws Throwable {
        String account = "rb-" + UUID.randomUUID().toString().substring(0, 8);
        String ticket = "t-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-10T09:00:00Z");
        send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                new TicketOpened(
                        ticket,
                        account,
                        "TKT-RB",
                        TicketKind.INCIDENT,
                        Severity.SEV2,
                        Impact.STANDARD,
                        null,
                        true,
                        SupportLevel.L1,
                        "Rebuild me",
                        "x",
                        null,
                        null,
                        "a",
                        at));
        send(
                Topics.TICKET_EVENTS,
                ticket,
                1L,
                new TicketAcknowledged(ticket, account, Severity.SEV2, null, at, "agent", at.plusSeconds(300)));
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
                        Severity.SEV2,
                        Duration.ofHours(2),
                        Duration.ofMinutes(5),
                        at.plusSeconds(7200),
                        at.plusSeconds(300)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/reports/tickets/" + ticket).statusCode() == 200
                        && "MET"
                                .equals(given().get("/api/reports/tickets/" + ticket)
                                        .jsonPath()
                                        .getString("responseOutcome")));
        String before = given().get("/api/reports/tickets/" + ticket).asString();
        java.util.List<String> indexes = indexes();
        // a German account's ticket: its words stemmed in German by the live projector ("Zahlungen" as "zahlung")
        String german = "rb-de-" + UUID.randomUUID().toString().substring(0, 8);
        SearchIntegrationTest.account(german, com.supportdesk.contract.model.SupportLanguage.DE);
        String germanTicket = SearchIntegrationTest.ticket(
                german,
                "TKT-RB-DE",
                "Zahlungen schlagen fehl",
                "Seit heute früh werden keine Rechnungen erstellt",
                0,
                "Die Überweisungen hängen:\n\tC:\\Export\\neu \\N \"x\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> lexemes(germanTicket).contains("uberweis"));
        String germanWords = lexemes(germanTicket);
        // its timeline holds the events as they came, a body with a line break, a tab, backslashes and quotes among
        // them
        String germanTimeline = given().get("/api/reports/tickets/" + germanTicket + "/timeline")
                .asString();
        assertThat(germanTimeline).contains("C:\\\\Export\\\\neu \\\\N");
        assertThat(germanWords).contains("zahlung", "rechnung").doesNotContain("zahlungen");

        // damage: a wrong state, a lost timeline (by hand: the read model's entities are read-only to Hibernate)
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "update reporting.rpt_ticket set status = 'BOGUS', responseOutcome = null "
                                        + "where ticketId = ?1")
                        .setParameter(1, ticket)
                        .executeUpdate()
                        .chain(() -> s.createNativeQuery("delete from reporting.rpt_event where subject = ?1")
                                .setParameter(1, ticket)
                                .executeUpdate()))));
        given().get("/api/reports/tickets/" + ticket).then().body("status", equalTo("BOGUS"));

        given().post("/api/reports/admin/rebuild").then().statusCode(202).body("state", equalTo("RUNNING"));
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            // queries keep answering during the rebuild
            given().get("/api/reports/tickets/" + ticket).then().statusCode(200);
            return !"RUNNING"
                    .equals(given().get("/api/reports/admin/rebuild").jsonPath().getString("state"));
        });
        var status = given().get("/api/reports/admin/rebuild").jsonPath();
        // once a rebuild says it has ended, it has cleaned up after itself: no shadow table is left
        assertThat(shadowTables()).isEmpty();
        // the rebuild is on the audit trail, and the trail is readable
        var started = com.supportdesk.testinfra.AuditEntries.awaitOne("reporting", "read-model.rebuild-started");
        assertThat(started.path("actorName").asText()).isEqualTo("test-staff");
        assertThat(started.path("service").asText()).isEqualTo("reporting-service");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().queryParam("action", "read-model.rebuild-started")
                        .get("/api/audit")
                        .jsonPath()
                        .getList("items.auditId")
                        .contains(started.path("auditId").asText()));
        assertThat(status.getString("state")).as(status.prettify()).isEqualTo("DONE");
        assertThat(status.getLong("events")).isGreaterThanOrEqualTo(3);
        assertThat(status.getLong("eventsPerSecond")).isPositive();

        assertThat(given().get("/api/reports/tickets/" + ticket).asString()).isEqualTo(before);
        // the dashboard's counters were rebuilt with the rows: they equal a recount of them again (one snapshot)
        java.util.Map<String, Long>[] figures = com.supportdesk.support.Jdbc.inTransaction(
                dataSource, c -> com.supportdesk.reporting.projection.FigureRecount.both(c, ""));
        assertThat(figures[1]).as("maintained counters against the recount").isEqualTo(figures[0]);
        assertThat(figures[0]).containsKey("open|SEV2|ACKNOWLEDGED");
        // the rebuilt tables took the live ones' names, keys and indexes (swapped by renaming), nothing left over
        assertThat(indexes()).isEqualTo(indexes);
        // the rebuilt event log is partitioned by month like the live one was, this month among them
        String month = "reporting.rpt_event_"
                + java.time.YearMonth.now(java.time.ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ofPattern("'y'yyyy'm'MM"));
        java.util.List<String> partitionOfThisMonth = com.supportdesk.support.Jdbc.inTransaction(
                dataSource,
                c -> com.supportdesk.support.Jdbc.strings(
                        c,
                        "select count(*) from pg_inherits where inhparent = to_regclass(?) and inhrelid = to_regclass(?)",
                        "reporting.rpt_event",
                        month));
        assertThat(partitionOfThisMonth).containsExactly("1");
        // the rebuild's search documents have the live projector's words, stemmed in the account's language
        assertThat(lexemes(germanTicket)).isEqualTo(germanWords);
        // and the event log copied in has every event's body byte for byte
        assertThat(given().get("/api/reports/tickets/" + germanTicket + "/timeline")
                        .asString())
                .isEqualTo(germanTimeline);
        // and the search documents were built from the events: the ticket is found by a word of its title
        assertThat(given().queryParam("q", "rebuild")
                        .queryParam("accountId", account)
                        .get("/api/reports/tickets")
                        .jsonPath()
                        .getList("items.ticketId"))
                .containsExactly(ticket);
        assertThat(given().get("/api/reports/tickets/" + ticket + "/timeline")
                        .jsonPath()
                        .getList("type"))
                .containsExactly("support.ticket.opened.v1", "support.ticket.acknowledged.v1", "support.sla.met.v1");

        // and the live projection goes on after the switch
        String next = "t-" + UUID.randomUUID();
        send(
                Topics.TICKET_EVENTS,
                next,
                0L,
                new TicketOpened(
                        next,
                        account,
                        "TKT-RB2",
                        TicketKind.INCIDENT,
                        Severity.SEV4,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "After",
                        "x",
                        null,
                        null,
                        "a",
                        at));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/reports/tickets/" + next).statusCode() == 200);

        // a rebuild cannot be started until the last one has cleaned up: its clean-up drops the shadow tables, and
        // used to come after it said it was done, so a rebuild asked for at that moment lost its new tables under it
        java.util.concurrent.atomic.AtomicReference<Boolean> startedMeanwhile =
                new java.util.concurrent.atomic.AtomicReference<>();
        rebuilder.beforeCleanUp(() -> startedMeanwhile.set(rebuilder.start()));
        try {
            given().post("/api/reports/admin/rebuild").then().statusCode(202);
            awaitRebuildEnded();
        } finally {
            rebuilder.beforeCleanUp(null);
        }
        assertThat(startedMeanwhile.get())
                .as("a rebuild started before the last one cleaned up")
                .isFalse();
        var second = given().get("/api/reports/admin/rebuild").jsonPath();
        assertThat(second.getString("state")).as(second.prettify()).isEqualTo("DONE");
        assertThat(shadowTables()).isEmpty();
        given().get("/api/reports/tickets/" + next).then().statusCode(200);
        // the rebuild loads its tables without the write-ahead log: once swapped in they are logged again, or a crash
        // of PostgreSQL would empty the read model
        assertThat(unloggedTables()).isEmpty();
    }

    /**
     * PostgreSQL empties the unlogged tables when it recovers from a crash: a rebuild whose load was hit by that fails
     * (its tables hold only what came after) and the read model stays as it was. The test empties them itself.
     */
    @Test
    void aRebuildHitByACrashOfTheDatabaseFailsAndLeavesTheReadModelAsItWas() {
        String account = "acct-" + UUID.randomUUID();
        String ticket = "t-" + UUID.randomUUID();
        send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                new TicketOpened(
                        ticket,
                        account,
                        "TKT-RB3",
                        TicketKind.INCIDENT,
                        Severity.SEV3,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "Crash",
                        "x",
                        null,
                        null,
                        "a",
                        Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/reports/tickets/" + ticket).statusCode() == 200);
        awaitRebuildEnded();
        long before = ticketCount();
        rebuilder.afterLoad(() -> com.supportdesk.support.Jdbc.inTransaction(dataSource, c -> {
            for (String table : unloggedTables()) { // what crash recovery does to them
                com.supportdesk.support.Jdbc.update(c, "TRUNCATE reporting." + table);
            }
            return null;
        }));
        try {
            given().post("/api/reports/admin/rebuild").then().statusCode(202);
            awaitRebuildEnded();
        } finally {
            rebuilder.afterLoad(null);
        }
        var status = given().get("/api/reports/admin/rebuild").jsonPath();
        assertThat(status.getString("state")).as(status.prettify()).isEqualTo("FAILED");
        assertThat(status.getString("error")).contains("PostgreSQL restarted during the rebuild");
        assertThat(ticketCount()).isEqualTo(before);
        given().get("/api/reports/tickets/" + ticket).then().statusCode(200);
        assertThat(shadowTables()).isEmpty();
    }

    /** Until the running rebuild (if any) has ended, DONE or FAILED. */
    private static void awaitRebuildEnded() {
        await().atMost(Duration.ofSeconds(120))
                .until(() -> !"RUNNING"
                        .equals(given().get("/api/reports/admin/rebuild")
                                .jsonPath()
                                .getString("state")));
    }

    private long ticketCount() {
        return Long.parseLong(com.supportdesk.support.Jdbc.inTransaction(
                        dataSource,
                        c -> com.supportdesk.support.Jdbc.strings(c, "select count(*) from reporting.rpt_ticket"))
                .get(0));
    }

    /** The unlogged tables in reporting's schema. */
    private java.util.List<String> unloggedTables() {
        return com.supportdesk.support.Jdbc.inTransaction(
                dataSource,
                c -> com.supportdesk.support.Jdbc.strings(
                        c,
                        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                + " where n.nspname = 'reporting' and c.relkind = 'r' and c.relpersistence = 'u'"));
    }

    /** The rebuild's shadow tables (and partitions) in reporting's schema. */
    private java.util.List<String> shadowTables() {
        return com.supportdesk.support.Jdbc.inTransaction(
                dataSource,
                c -> com.supportdesk.support.Jdbc.strings(
                        c,
                        "select tablename from pg_tables where schemaname = 'reporting'"
                                + " and tablename ~ '_(next|old)(_|$)'"));
    }
}
