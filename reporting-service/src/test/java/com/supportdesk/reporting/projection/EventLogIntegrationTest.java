package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.testing.TestEvents;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event log by month: the projector's writer makes a month's partition when its first event comes, a redelivered
 * copy still counts once, an event older than the retention is not applied again, and the keeper makes the coming
 * months and drops (or detaches, for archiving) the months past the retention. On tables of their own ({@code _log}),
 * with the policy's clock set by the test.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class EventLogIntegrationTest {
    private static final String SUFFIX = "_log";
    private static final ReadModelWriter.Tables TABLES = ReadModelWriter.Tables.LIVE.suffixed(SUFFIX);
    private static final String EVENTS = TABLES.events().table();

    @Inject
    ProjectorDataSource dataSource;

    private EventLog.Policy before;

    @BeforeEach
    void tables() {
        EventLog.forget(); // the tables are made again for each test
        before = EventLog.policy();
        List<String> statements = new ArrayList<>();
        for (String live : ReadModelWriter.Tables.LIVE.names()) {
            statements.add("DROP TABLE IF EXISTS " + live + SUFFIX);
            if (live.equals(EventLog.TABLE)) {
                statements.add("CREATE TABLE " + EVENTS + " (LIKE " + live + " INCLUDING DEFAULTS)"
                        + " PARTITION BY RANGE (\"time\")");
                statements.add("ALTER TABLE " + EVENTS + " ADD PRIMARY KEY (eventid, \"time\")");
            } else {
                statements.add("CREATE TABLE " + live + SUFFIX + " (LIKE " + live + " INCLUDING ALL)");
            }
        }
        statements.add("DROP TABLE IF EXISTS reporting.rpt_event_log_archived_y2026m11");
        Jdbc.execute(dataSource, "the event log test's tables", statements.toArray(String[]::new));
    }

    @AfterEach
    void dropTables() {
        EventLog.policy(before);
        List<String> drops = new ArrayList<>();
        ReadModelWriter.Tables.LIVE.names().forEach(t -> drops.add("DROP TABLE IF EXISTS " + t + SUFFIX));
        drops.add("DROP TABLE IF EXISTS reporting.rpt_event_log_archived_y2026m11");
        Jdbc.execute(dataSource, "the event log test's tables", drops.toArray(String[]::new));
    }

    @Test
    void monthsComeWithTheirEventsAndGoPastTheRetention() throws Exception {
        Instant now = Instant.parse("2026-12-15T10:00:00Z");
        policy(Period.ofMonths(3), EventLog.Expiry.DROP, now); // the first month kept: 2026-09
        String account = "acc-log-" + UUID.randomUUID().toString().substring(0, 6);
        List<ConsumerRecord<String, byte[]>> poll = new ArrayList<>();
        for (String at : List.of(
                "2026-09-30T23:59:59Z", "2026-11-03T08:00:00Z", "2026-12-01T00:00:00Z", "2027-01-10T12:00:00Z")) {
            poll.add(opened(account, Instant.parse(at)));
        }
        ConsumerRecord<String, byte[]> untimed = opened(account, now);
        untimed.headers().remove(CloudEventCodec.TIME); // an event without a time: logged at the time it came
        poll.add(untimed);

        assertThat(apply(poll)).as("events applied").isEqualTo(5);
        assertThat(months()).containsExactly("2026-09", "2026-11", "2026-12", "2027-01");
        assertThat(count("select count(*) from " + EVENTS + " where \"time\" = '" + now + "'"))
                .as("the untimed event, at the time it came")
                .isEqualTo(1);
        assertThat(count("select count(*) from " + TABLES.tickets().table())).isEqualTo(5);

        // the same poll again (a redelivery): every copy meets its first one, in its month
        assertThat(apply(poll)).as("a redelivery").isZero();
        assertThat(count("select count(*) from " + EVENTS)).isEqualTo(5);

        // an event older than the first month kept: neither logged nor applied by the live projector
        ConsumerRecord<String, byte[]> old = opened(account, Instant.parse("2026-08-31T23:00:00Z"));
        assertThat(apply(List.of(old))).as("an expired event").isZero();
        assertThat(months()).doesNotContain("2026-08");
        assertThat(count("select count(*) from " + TABLES.tickets().table())).isEqualTo(5);

        // two months on: the keeper makes this month's and the next, and drops what is wholly past three months
        Instant later = Instant.parse("2027-02-03T00:00:00Z");
        EventLog.Policy dropping = policy(Period.ofMonths(3), EventLog.Expiry.DROP, later); // first kept: 2026-11
        EventLog.Kept kept = EventLog.maintain(dataSource, EVENTS, dropping, later);
        assertThat(kept.made()).containsExactly(YearMonth.of(2027, 2), YearMonth.of(2027, 3));
        assertThat(kept.expired()).containsExactly(YearMonth.of(2026, 9));
        assertThat(months()).containsExactly("2026-11", "2026-12", "2027-01", "2027-02", "2027-03");
        assertThat(count("select count(*) from " + EVENTS)).isEqualTo(4);
        assertThat(count("select count(*) from " + TABLES.tickets().table()))
                .as("the read model's rows stay")
                .isEqualTo(5);
        // a second round the same day has nothing to do
        assertThat(EventLog.maintain(dataSource, EVENTS, dropping, later))
                .isEqualTo(new EventLog.Kept(List.of(), List.of()));

        // detached instead of dropped: the month stays as a table of its own to archive
        Instant march = Instant.parse("2027-03-01T00:00:00Z");
        EventLog.Policy detaching = policy(Period.ofMonths(3), EventLog.Expiry.DETACH, march); // first kept: 2026-12
        assertThat(EventLog.maintain(dataSource, EVENTS, detaching, march).expired())
                .containsExactly(YearMonth.of(2026, 11));
        assertThat(months()).containsExactly("2026-12", "2027-01", "2027-02", "2027-03", "2027-04");
        assertThat(count("select count(*) from reporting.rpt_event_log_archived_y2026m11"))
                .as("the archived month's events")
                .isEqualTo(1);
        assertThat(count("select count(*) from " + EVENTS)).isEqualTo(3);
    }

    @Test
    void everyMonthIsKeptWithoutARetention() throws Exception {
        Instant now = Instant.parse("2026-12-15T10:00:00Z");
        EventLog.Policy all = policy(Period.ZERO, EventLog.Expiry.DROP, now);
        String account = "acc-all-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(apply(List.of(opened(account, Instant.parse("2019-04-01T00:00:00Z")))))
                .isEqualTo(1);
        assertThat(EventLog.maintain(dataSource, EVENTS, all, now).expired()).isEmpty();
        assertThat(months()).containsExactly("2019-04", "2026-12", "2027-01");
    }

    @Test
    void aRebuiltLogTakesItsKeyAtOnceAndDropsACopyOnlyWhenOneIsThere() {
        String table = "reporting.rpt_event_keytest";
        String row = "INSERT INTO " + table + " (eventid, data, \"time\", topic, type) VALUES ('%s', '{}', '%s',"
                + " 'ticket-events', 'support.ticket.opened.v1')";
        for (boolean twice : List.of(false, true)) {
            Jdbc.execute(
                    dataSource,
                    "the key test's log",
                    "DROP TABLE IF EXISTS " + table,
                    "CREATE TABLE " + table + " (LIKE " + EventLog.TABLE + " INCLUDING DEFAULTS)"
                            + " PARTITION BY RANGE (\"time\")",
                    "CREATE TABLE " + table + "_y2026m12 PARTITION OF " + table
                            + " FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')",
                    String.format(row, "e-1", "2026-12-02T10:00:00Z"),
                    String.format(row, "e-2", "2026-12-02T11:00:00Z"),
                    // the same id at another time is another row of the key, not a copy
                    String.format(row, "e-2", "2026-12-03T11:00:00Z"));
            if (twice) { // a poll applied twice (its commit's acknowledgement lost)
                Jdbc.execute(dataSource, "the key test's log", String.format(row, "e-1", "2026-12-02T10:00:00Z"));
            }
            Rebuilder.keyEvents(dataSource, table);
            assertThat(count("SELECT count(*) FROM " + table))
                    .as("copies dropped: %s", twice)
                    .isEqualTo(3);
            assertThat(count("SELECT count(*) FROM pg_constraint WHERE conrelid = '" + table + "'::regclass"
                            + " AND contype = 'p'"))
                    .isEqualTo(1);
        }
        Jdbc.execute(dataSource, "the key test's log", "DROP TABLE IF EXISTS " + table);
    }

    private EventLog.Policy policy(Period retention, EventLog.Expiry expiry, Instant now) {
        EventLog.Policy p = new EventLog.Policy(retention, expiry, Clock.fixed(now, ZoneOffset.UTC));
        EventLog.policy(p);
        return p;
    }

    private static ConsumerRecord<String, byte[]> opened(String account, Instant at) {
        String ticket = "t-log-" + UUID.randomUUID();
        return TestRecords.record(
                "ticket-events",
                ticket,
                UUID.randomUUID().toString(),
                0L,
                at,
                TestEvents.opened(ticket, account).at(at).build());
    }

    private int apply(List<ConsumerRecord<String, byte[]>> records) {
        return Jdbc.inTransaction(dataSource, c -> ReadModelWriter.apply(c, TestRecords.items(records), TABLES));
    }

    private List<String> months() {
        return Jdbc.inTransaction(dataSource, c -> EventLog.months(c, EVENTS)).stream()
                .map(YearMonth::toString)
                .toList();
    }

    private long count(String sql) {
        return Long.parseLong(
                Jdbc.inTransaction(dataSource, c -> Jdbc.strings(c, sql)).get(0));
    }
}
