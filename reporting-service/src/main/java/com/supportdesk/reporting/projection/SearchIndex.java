package com.supportdesk.reporting.projection;

import com.supportdesk.contract.event.MessageAdded;
import com.supportdesk.contract.event.TicketOpened;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    /**
     * Writes what the poll added, to {@code table} (the live one or a rebuild's shadow): one statement per kind over
     * arrays ({@code unnest}), each account's language joined once. A multi-row {@code VALUES} with a sub-query per row
     * for the language cost PostgreSQL 3–6 times as much (about 200 µs a ticket instead of 50, most of a rebuild's
     * search documents).
     */
    void write(Connection c, String table, String accounts) throws SQLException {
        if (!opened.isEmpty()) {
            int n = opened.size();
            String[] ids = new String[n], accountIds = new String[n], at = new String[n];
            String[] titles = new String[n], descriptions = new String[n];
            int i = 0;
            for (TicketOpened o : opened.values()) {
                ids[i] = o.ticketId();
                accountIds[i] = o.accountId();
                at[i] = o.at().toString();
                titles[i] = clip((o.reference() == null ? "" : o.reference()) + " " + o.title());
                descriptions[i++] = clip(o.description());
            }
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + " as s (ticketid, accountid,"
                    + " openedat, doc) select u.id, u.account, u.at::timestamptz,"
                    + " setweight(to_tsvector(reporting.search_config(a.language), u.title), 'A')"
                    + " || setweight(to_tsvector(reporting.search_config(a.language), u.description), 'B')"
                    + " from unnest(?, ?, ?, ?, ?) as u(id, account, at, title, description)"
                    + " left join " + accounts + " a on a.accountid = u.account"
                    + " on conflict (ticketid) do update set accountid = excluded.accountid,"
                    + " openedat = excluded.openedat, doc = excluded.doc || s.doc")) {
                bindArrays(c, ps, ids, accountIds, at, titles, descriptions);
                ps.executeUpdate();
            }
        }
        if (!messages.isEmpty()) {
            int n = messages.size();
            String[] ids = new String[n], accountIds = new String[n], at = new String[n], texts = new String[n];
            int i = 0;
            for (Messages joined : messages.values()) {
                MessageAdded m = joined.first();
                ids[i] = m.ticketId();
                accountIds[i] = m.accountId();
                at[i] = m.at().toString(); // only when its opening was not seen
                texts[i++] = joined.text().toString();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into " + table + " as s (ticketid, accountid,"
                    + " openedat, doc) select u.id, u.account, u.at::timestamptz,"
                    + " setweight(to_tsvector(reporting.search_config(a.language), u.text), 'C')"
                    + " from unnest(?, ?, ?, ?) as u(id, account, at, text)"
                    + " left join " + accounts + " a on a.accountid = u.account"
                    + " on conflict (ticketid) do update set doc = case when length(s.doc) < " + MAX_LEXEMES
                    + " then s.doc || excluded.doc else s.doc end")) {
                bindArrays(c, ps, ids, accountIds, at, texts);
                ps.executeUpdate();
            }
        }
    }

    /** Each column's values as the statement's next array parameter, in order. */
    private static void bindArrays(Connection c, PreparedStatement ps, String[]... columns) throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            ps.setArray(i + 1, c.createArrayOf("varchar", columns[i]));
        }
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}
