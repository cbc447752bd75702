package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.reporting.model.TicketRecord;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rebuild writes its ticket rows by deleting the changed ones and copying every row of a poll in ({@link
 * Rows#replaceAll}, PostgreSQL's text format); the live projector inserts and updates them with bound parameters. Both
 * must leave the same rows, whatever the values: nulls and empty strings apart, quotes, commas, tabs, backslashes and
 * line breaks in text, characters beyond ASCII, instants finer than PostgreSQL keeps, booleans and numbers. The live
 * projector writes back only the columns a poll changed ({@link Rows#updateChanged}); its rows must equal rows written
 * whole.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class RowsIntegrationTest {
    private static final Rows<TicketRecord> BOUND = Rows.of(TicketRecord.class).suffixed("_rows_bound");
    private static final Rows<TicketRecord> COPIED = Rows.of(TicketRecord.class).suffixed("_rows_copied");

    @Inject
    ProjectorDataSource dataSource;

    @BeforeEach
    void tables() {
        List<String> statements = new ArrayList<>();
        for (Rows<TicketRecord> rows : List.of(BOUND, COPIED)) {
            statements.add("DROP TABLE IF EXISTS " + rows.table());
            statements.add("CREATE TABLE " + rows.table() + " (LIKE reporting.rpt_ticket INCLUDING ALL)");
        }
        Jdbc.execute(dataSource, "the rows test's tables", statements.toArray(String[]::new));
    }

    @AfterEach
    void dropTables() {
        Jdbc.execute(
                dataSource,
                "the rows test's tables",
                "DROP TABLE IF EXISTS " + BOUND.table(),
                "DROP TABLE IF EXISTS " + COPIED.table());
    }

    @Test
    void rowsCopiedInEqualRowsInsertedAndUpdatedWithParameters() {
        List<TicketRecord> first = List.of(awkward("t-1"), sparse("t-2"), awkward("t-3"));
        Jdbc.inTransaction(dataSource, c -> {
            BOUND.insertAll(c, first);
            COPIED.replaceAll(c, List.of(), first);
            return null;
        });
        assertThat(rows(COPIED)).isEqualTo(rows(BOUND)).hasSize(3);

        // a later poll: two rows changed (one of them emptied), one new
        TicketRecord changed = sparse("t-1");
        changed.status = "CLOSED";
        TicketRecord filled = awkward("t-2");
        filled.title = "now, with \"a title\"\r\nover lines";
        TicketRecord added = awkward("t-4");
        Jdbc.inTransaction(dataSource, c -> {
            BOUND.updateChanged(c, List.of(changed, filled), null);
            BOUND.insertAll(c, List.of(added));
            COPIED.replaceAll(c, List.of("t-1", "t-2"), List.of(changed, filled, added));
            return null;
        });
        List<Map<String, Object>> after = rows(COPIED);
        assertThat(after).isEqualTo(rows(BOUND)).hasSize(4);
        assertThat(after.get(0)).containsEntry("status", "CLOSED").containsEntry("title", null);
        assertThat(after.get(1)).containsEntry("title", "now, with \"a title\"\r\nover lines");
    }

    @Test
    void onlyTheChangedColumnsAreWrittenAndTheRowsEqualRowsWrittenWhole() {
        List<TicketRecord> first = List.of(awkward("t-1"), awkward("t-2"), sparse("t-3"), awkward("t-4"));
        Jdbc.inTransaction(dataSource, c -> {
            BOUND.insertAll(c, first);
            COPIED.insertAll(c, first);
            return null;
        });
        Map<String, Object[]> before = new java.util.HashMap<>();
        first.forEach(t -> before.put(t.ticketId, BOUND.snapshot(t)));
        Map<String, Long> versions = versions(BOUND);

        // a re-targeting: deadlines moved on two rows (one of them also emptied), a third filled, the fourth unchanged
        TicketRecord moved = awkward("t-1");
        moved.responseDeadline = Instant.parse("2026-12-07T10:00:00.654321Z");
        moved.dueAt = moved.responseDeadline;
        TicketRecord emptied = awkward("t-2");
        emptied.resolutionDeadline = null;
        emptied.title = null;
        TicketRecord filled = sparse("t-3");
        filled.title = "Kasse \"down\", again\nzweite Zeile — 結帳";
        filled.resolutionBusinessSeconds = 7L;
        TicketRecord unchanged = awkward("t-4");
        List<TicketRecord> poll = List.of(moved, emptied, filled, unchanged);
        Jdbc.inTransaction(dataSource, c -> {
            BOUND.updateChanged(c, poll, before);
            COPIED.updateChanged(c, poll, null);
            return null;
        });
        List<Map<String, Object>> after = rows(BOUND);
        assertThat(after).isEqualTo(rows(COPIED)).hasSize(4);
        assertThat(after.get(1)).containsEntry("title", null).containsEntry("resolutiondeadline", null);
        assertThat(versions(BOUND))
                .as("a row none of whose columns changed is not written (its row version stays)")
                .containsEntry("t-4", versions.get("t-4"))
                .doesNotContainEntry("t-1", versions.get("t-1"));

        // one row alone goes through the single-row statement, with the same outcome
        Map<String, Object[]> now = Map.of("t-1", BOUND.snapshot(moved));
        TicketRecord again = awkward("t-1");
        again.responseDeadline = Instant.parse("2026-12-08T10:00:00Z");
        again.status = "CLOSED";
        Jdbc.inTransaction(dataSource, c -> {
            BOUND.updateChanged(c, List.of(again), now);
            COPIED.updateChanged(c, List.of(again), null);
            return null;
        });
        assertThat(rows(BOUND)).isEqualTo(rows(COPIED));
        assertThat(rows(BOUND).get(0)).containsEntry("status", "CLOSED");
    }

    @Test
    void aRowSaidToExistThatDoesNotFailsThePoll() {
        assertThatThrownBy(() -> Jdbc.inTransaction(dataSource, c -> {
                    COPIED.replaceAll(c, List.of("t-missing"), List.of(sparse("t-missing")));
                    return null;
                }))
                .hasStackTraceContaining("0 rows deleted instead of 1");
        assertThat(rows(COPIED)).isEmpty();
    }

    /** A row with something hard for a COPY row in every column that can hold it. */
    private static TicketRecord awkward(String id) {
        TicketRecord t = ReadModelFold.newTicket(id);
        t.accountId = "acme,\"eu\"";
        t.reference = ""; // empty, not null
        t.openedBy = "zoë.o'neill";
        t.title = "Kasse \"down\", again\nsecond line — 結帳 🚨";
        t.kind = "INCIDENT";
        t.severity = "SEV1";
        t.impact = "\\N";
        t.priority = true;
        t.level = "L2";
        t.status = "ACKNOWLEDGED";
        t.application = "NULL";
        t.urgency = " leading and trailing spaces\tand a tab ";
        t.nonStandard = true;
        t.scopeReason = "\"C:\\temp\\new\" \\. \\\\N";
        t.escalated = false;
        t.escalatedTo = ",";
        t.breached = true;
        t.responseBreached = false;
        t.resolutionBreached = true;
        t.dueAt = Instant.parse("2026-12-06T09:30:00.123456789Z"); // finer than PostgreSQL's microseconds
        t.planLevel = "PREMIUM";
        t.queueKey = "0|1|2026-12-06T09:30:00Z|" + id;
        t.openedAt = Instant.parse("1999-12-31T23:59:59.999999Z");
        t.acknowledgedAt = Instant.parse("2026-12-06T09:00:00Z");
        t.updatedAt = Instant.parse("2026-12-06T09:00:00.5Z");
        t.responseDeadline = Instant.parse("2026-12-06T10:00:00Z");
        t.resolutionDeadline = Instant.parse("2027-01-06T10:00:00Z");
        t.responseOutcome = "MET";
        t.responseBusinessSeconds = 0L;
        t.resolutionBusinessSeconds = Long.MAX_VALUE;
        t.lastSequence = 42;
        return t;
    }

    /** A row with nothing but its key and what a new ticket row always has. */
    private static TicketRecord sparse(String id) {
        return ReadModelFold.newTicket(id);
    }

    /** Each row's version ({@code xmin}: the transaction that wrote it last), by key. */
    private Map<String, Long> versions(Rows<TicketRecord> table) {
        return Jdbc.inTransaction(dataSource, c -> {
            Map<String, Long> out = new java.util.TreeMap<>();
            try (var ps = c.prepareStatement("SELECT ticketid, xmin::text::bigint FROM " + table.table());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    private List<Map<String, Object>> rows(Rows<TicketRecord> table) {
        return Jdbc.inTransaction(dataSource, c -> read(c, table.table()));
    }

    private static List<Map<String, Object>> read(Connection c, String table) throws java.sql.SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT * FROM " + table + " ORDER BY ticketid");
                ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new java.util.TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
