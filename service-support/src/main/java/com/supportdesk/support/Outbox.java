package com.supportdesk.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transactional outbox table: messages are written in the transaction of the state they announce, and published
 * later by {@link OutboxRelay}. Every method works in the caller's transaction.
 */
public final class Outbox {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message to write. */
    public record Outgoing(String topic, String key, Map<String, String> headers, byte[] body) {}

    /**
     * A message waiting in the table; {@code waitedMillis} is how long it had waited when it was read (from when its
     * row was written, by the database's clock: not the event's {@code ce_time}, which may lie in the past).
     */
    public record Message(
            long id, String topic, String key, Map<String, String> headers, byte[] body, long waitedMillis) {}

    /** Rows per insert statement (four parameters each, far below the protocol's 32,767). */
    static final int ROWS_PER_INSERT = 500;

    private final String table;

    /** @param table the table's name (letters, digits and underscores; schema from the connection) */
    public Outbox(String table) {
        if (!table.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.table = table;
    }

    /** The outbox's table (its name in metrics). */
    public String table() {
        return table;
    }

    public String ddl() {
        return "CREATE TABLE IF NOT EXISTS " + table + " (id BIGSERIAL PRIMARY KEY, topic VARCHAR(255) NOT NULL, "
                + "msg_key VARCHAR(255), headers TEXT NOT NULL, body BYTEA, written_at TIMESTAMPTZ NOT NULL DEFAULT now())";
    }

    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl());
        }
    }

    /**
     * Writes {@code messages} in their order (the relay publishes by id): one multi-row insert per
     * {@value #ROWS_PER_INSERT} messages, so a poll's or a digest's messages cost one statement, not one each.
     */
    public void enqueue(Connection c, List<Outgoing> messages) throws SQLException {
        enqueueWith(c, null, List.of(), messages);
    }

    /**
     * Writes {@code messages} as {@link #enqueue} does, and runs {@code change} in the first insert's statement: one
     * round trip for a state change and the messages that announce it. {@code change} is a data-modifying statement
     * (an {@code UPDATE}, a {@code DELETE}) with {@code ?} for {@code params} (instants as timestamps); PostgreSQL runs
     * it once and to completion before the insert, as a {@code WITH} clause. With no messages it runs alone.
     */
    public void enqueueWith(Connection c, String change, List<Object> params, List<Outgoing> messages)
            throws SQLException {
        if (messages.isEmpty()) {
            if (change != null) {
                Jdbc.update(c, change, params.toArray());
            }
            return;
        }
        for (int from = 0; from < messages.size(); from += ROWS_PER_INSERT) {
            List<Outgoing> chunk = messages.subList(from, Math.min(messages.size(), from + ROWS_PER_INSERT));
            boolean withChange = from == 0 && change != null;
            StringBuilder sql = new StringBuilder();
            if (withChange) {
                sql.append("WITH change AS (").append(change).append(") ");
            }
            sql.append("INSERT INTO ").append(table).append(" (topic, msg_key, headers, body) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(?,?,?,?)" : ",(?,?,?,?)");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = withChange ? Jdbc.bind(ps, 1, params.toArray()) : 1;
                for (Outgoing m : chunk) {
                    ps.setString(p++, m.topic());
                    ps.setString(p++, m.key());
                    ps.setString(p++, json(m.headers()));
                    ps.setBytes(p++, m.body());
                }
                ps.executeUpdate();
            }
        }
    }

    /** The oldest {@code limit} messages, in the order they were written. */
    public List<Message> pending(Connection c, int limit) throws SQLException {
        return pending(c, 0, limit);
    }

    /**
     * The oldest {@code limit} messages with an id above {@code after}, in the order they were written. The index
     * scan starts at {@code after}: it does not walk the entries of the rows deleted below it, which stay in the index
     * until no transaction anywhere in the database is older than their deletion ({@link OutboxRelay}).
     */
    public List<Message> pending(Connection c, long after, int limit) throws SQLException {
        List<Message> messages = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(pendingSql())) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    messages.add(new Message(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            headers(rs.getString(4)),
                            rs.getBytes(5),
                            rs.getLong(6)));
                }
            }
        }
        return messages;
    }

    /** How many messages wait (a count over the table: for a metric, not for every round). */
    public long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The id of the last message this session queued in this outbox, once {@link #enqueue} wrote any in its
     * transaction: what the relay must have published before anything queued after it.
     */
    public long lastQueued(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT currval(pg_get_serial_sequence(?, 'id'))")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Whether every message up to {@code id} has left the outbox (the relay deletes what the broker acknowledged).
     * Read through the key, as the relay reads ({@link OutboxRelay#lock}): statistics taken while the outbox was
     * drained would have the planner scan every page of a table just emptied of thousands of rows.
     */
    public boolean publishedUpTo(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('enable_seqscan', 'off', true)")) {
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement(publishedSql())) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        }
    }

    String publishedSql() {
        return "SELECT 1 FROM " + table + " WHERE id <= ? LIMIT 1";
    }

    String pendingSql() {
        return "SELECT id, topic, msg_key, headers, body,"
                + " (extract(epoch FROM statement_timestamp() - written_at) * 1000)::bigint FROM " + table
                + " WHERE id > ? ORDER BY id LIMIT ?";
    }

    String deleteSql() {
        return "DELETE FROM " + table + " WHERE id = ANY(?)";
    }

    public void delete(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(deleteSql())) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    public static String json(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Map<String, String> headers(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Stored headers are not JSON", e);
        }
    }
}
