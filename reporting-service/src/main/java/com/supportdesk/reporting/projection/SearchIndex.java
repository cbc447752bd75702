package com.supportdesk.reporting.projection;

import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.TicketOpened;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a read model's search documents ({@code rpt_search}, V6): a ticket's reference and title (weight A) and
 * description (B) when it opens, each message's body appended (C), stemmed in the account's support language. Internal
 * notes never: a customer must not find a ticket by a word only the vendor's staff wrote. A poll's words go in one
 * batch per statement, in the poll's transaction.
 */
final class SearchIndex {
    /** Words past this many distinct lexemes are not added (a tsvector holds at most 1 MB; a stuck batch is worse). */
    static final int MAX_LEXEMES = 20_000;
    /** A message's text beyond this is not indexed. */
    static final int MAX_TEXT = 20_000;

    /** By ticket: a statement may change a row only once, so a poll's messages of one ticket are joined. */
    private final Map<String, TicketOpened> opened = new LinkedHashMap<>();

    private final Map<String, Messages> messages = new LinkedHashMap<>();

    private record Messages(MessageAdded first, StringBuilder text) {}

    void opened(TicketOpened o) {
        opened.put(o.ticketId(), o);
    }

    void message(MessageAdded m) {
        messages.computeIfAbsent(m.ticketId(), id -> new Messages(m, new StringBuilder()))
                .text()
                .append(clip(m.body()))
                .append('\n');
    }

    /** Writes what the poll added, to {@code table} (the live one or a rebuild's shadow). */
    void write(Connection c, String table, String accounts) throws SQLException {
        String config = "reporting.search_config((select language from " + accounts + " where accountid = ?))";
        if (!opened.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + " as s (ticketid, accountid, "
                    + "openedat, doc) values (?, ?, ?, setweight(to_tsvector(" + config + ", ?), 'A') || "
                    + "setweight(to_tsvector(" + config + ", ?), 'B')) on conflict (ticketid) do update set "
                    + "accountid = excluded.accountid, openedat = excluded.openedat, doc = excluded.doc || s.doc")) {
                for (TicketOpened o : opened.values()) {
                    ps.setString(1, o.ticketId());
                    ps.setString(2, o.accountId());
                    ps.setTimestamp(3, Timestamp.from(o.at()));
                    ps.setString(4, o.accountId());
                    ps.setString(5, clip((o.reference() == null ? "" : o.reference()) + " " + o.title()));
                    ps.setString(6, o.accountId());
                    ps.setString(7, clip(o.description()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!messages.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + " as s (ticketid, accountid, "
                    + "openedat, doc) values (?, ?, ?, setweight(to_tsvector(" + config + ", ?), 'C')) "
                    + "on conflict (ticketid) do update set doc = case when length(s.doc) < " + MAX_LEXEMES
                    + " then s.doc || excluded.doc else s.doc end")) {
                for (Messages joined : messages.values()) {
                    MessageAdded m = joined.first();
                    ps.setString(1, m.ticketId());
                    ps.setString(2, m.accountId());
                    ps.setTimestamp(3, Timestamp.from(m.at())); // only when its opening was not seen
                    ps.setString(4, m.accountId());
                    ps.setString(5, joined.text().toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}
