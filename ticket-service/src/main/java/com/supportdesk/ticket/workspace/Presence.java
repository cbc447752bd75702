package com.supportdesk.ticket.workspace;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who has a ticket open in the agent workspace and who is typing a reply. Every open page reports about once a
 * second ({@link #report}); whoever has not reported for {@link #WINDOW} has left. In ticket-service's database, so
 * every instance of the workspace and of this service sees the same people.
 */
@ApplicationScoped
public class Presence {
    /** How long a report counts: a page that stopped reporting this long ago is closed. */
    public static final Duration WINDOW = Duration.ofSeconds(5);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    /** Someone on the ticket's page, and since when they last reported. */
    public record Present(String user, boolean typing, Instant seenAt) {}

    /**
     * Records that {@code user} has the ticket open, typing a reply or not ({@code null}: as last reported, so a
     * report that only says "still here" does not hide a reply being typed), and answers everyone else who has.
     */
    public List<Present> report(String ticketId, String user, Boolean typing) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement upsert = c.prepareStatement("insert into ticket_presence (ticket_id, user_id,"
                    + " typing, seen_at) values (?, ?, coalesce(?, false), ?) on conflict (ticket_id, user_id) do update"
                    + " set typing = coalesce(?, ticket_presence.typing), seen_at = excluded.seen_at")) {
                upsert.setString(1, ticketId);
                upsert.setString(2, user);
                upsert.setObject(3, typing, java.sql.Types.BOOLEAN);
                upsert.setObject(5, typing, java.sql.Types.BOOLEAN);
                upsert.setTimestamp(4, Timestamp.from(now));
                upsert.executeUpdate();
            }
            try (PreparedStatement stale =
                    c.prepareStatement("delete from ticket_presence where ticket_id = ? and seen_at < ?")) {
                stale.setString(1, ticketId); // pages of this ticket closed long ago (never more than a few rows)
                stale.setTimestamp(2, Timestamp.from(now.minus(Duration.ofMinutes(1))));
                stale.executeUpdate();
            }
            List<Present> others = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select user_id, typing, seen_at from ticket_presence"
                    + " where ticket_id = ? and user_id <> ? and seen_at > ? order by user_id")) {
                q.setString(1, ticketId);
                q.setString(2, user);
                q.setTimestamp(3, Timestamp.from(now.minus(WINDOW)));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        others.add(new Present(
                                r.getString(1),
                                r.getBoolean(2),
                                r.getTimestamp(3).toInstant()));
                    }
                }
            }
            return others;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page was left: {@code user} is no longer on the ticket. */
    public void leave(String ticketId, String user) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q =
                        c.prepareStatement("delete from ticket_presence where ticket_id = ? and user_id = ?")) {
            q.setString(1, ticketId);
            q.setString(2, user);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
