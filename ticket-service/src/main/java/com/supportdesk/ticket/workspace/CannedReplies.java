package com.supportdesk.ticket.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reply templates administrators manage, one text per support language (ticket-service's database). */
@ApplicationScoped
public class CannedReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    /** A template: its texts by language code (EN, FR, ...), who changed it last. */
    public record CannedReply(
            String id, String title, Map<String, String> bodies, int version, String changedBy, Instant changedAt) {}

    public List<CannedReply> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("select id, title, bodies, version, changed_by, changed_at"
                        + " from canned_reply order by lower(title), id")) {
            List<CannedReply> out = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<CannedReply> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("select id, title, bodies, version, changed_by, changed_at"
                        + " from canned_reply where id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates or replaces a template.
     *
     * @param expectedVersion the version the writer read (null: whatever is stored)
     * @return the stored template, and whether it is new; empty when {@code expectedVersion} is stale
     */
    public Optional<Map.Entry<CannedReply, Boolean>> put(
            String id, String title, Map<String, String> bodies, Integer expectedVersion, String by) {
        Instant now = clock.instant();
        ObjectNode json = JSON.createObjectNode();
        bodies.forEach(json::put);
        try (Connection c = dataSource.getConnection()) {
            Optional<CannedReply> before = find(id);
            if (expectedVersion != null
                    && before.map(b -> b.version() != expectedVersion).orElse(expectedVersion != 0)) {
                return Optional.empty();
            }
            int version = before.map(b -> b.version() + 1).orElse(1);
            try (PreparedStatement q = c.prepareStatement("insert into canned_reply (id, title, bodies, version,"
                    + " changed_by, changed_at) values (?, ?, ?::jsonb, ?, ?, ?) on conflict (id) do update set"
                    + " title = excluded.title, bodies = excluded.bodies, version = excluded.version,"
                    + " changed_by = excluded.changed_by, changed_at = excluded.changed_at"
                    + " where canned_reply.version = ?")) {
                q.setString(1, id);
                q.setString(2, title);
                q.setString(3, json.toString());
                q.setInt(4, version);
                q.setString(5, by);
                q.setTimestamp(6, Timestamp.from(now));
                q.setInt(7, version - 1);
                if (q.executeUpdate() == 0) {
                    return Optional.empty(); // another administrator saved it in between
                }
            }
            return Optional.of(Map.entry(new CannedReply(id, title, bodies, version, by, now), before.isEmpty()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("delete from canned_reply where id = ?")) {
            q.setString(1, id);
            return q.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CannedReply row(ResultSet r) throws SQLException {
        Map<String, String> bodies = new LinkedHashMap<>();
        try {
            JsonNode b = JSON.readTree(r.getString(3));
            b.fields().forEachRemaining(f -> bodies.put(f.getKey(), f.getValue().asText()));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        return new CannedReply(
                r.getString(1),
                r.getString(2),
                bodies,
                r.getInt(4),
                r.getString(5),
                r.getTimestamp(6).toInstant());
    }
}
