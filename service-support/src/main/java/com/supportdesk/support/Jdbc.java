package com.supportdesk.support;

import com.supportdesk.support.health.WorkHealth;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Plain JDBC transactions as the services use them: one connection, commit on success, roll back on any failure. */
public final class Jdbc {

    /** Work done with a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** PostgreSQL failed; nothing was committed, the caller may retry. */
    public static class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * No connection to begin with: the pool gave none, or PostgreSQL refused it (whatever its SQL state: a login it no
     * longer accepts is {@code 28P01}, a database gone {@code 3D000}). Nothing ran, so no record can be at fault.
     */
    public static final class NoConnection extends StoreException {
        public NoConnection(SQLException cause) {
            super(cause);
        }
    }

    private static final Logger LOG = Logger.getLogger(Jdbc.class);

    private Jdbc() {}

    /**
     * Runs {@code work} until PostgreSQL accepts it, backing off from 200 ms to 10 s: a consumer never skips a record
     * because the database is away (its offset moves only after the commit).
     */
    public static <T> T retrying(String what, Supplier<T> work) throws InterruptedException {
        return retrying(what, work, Integer.MAX_VALUE, WorkHealth.Watch.NONE);
    }

    /** As {@link #retrying(String, Supplier)}, telling {@code watch} of each failure and of the success. */
    public static <T> T retrying(String what, Supplier<T> work, WorkHealth.Watch watch) throws InterruptedException {
        return retrying(what, work, Integer.MAX_VALUE, watch);
    }

    /**
     * As {@link #retrying(String, Supplier)}, but at most {@code attempts} tries: the last failure is thrown (for work
     * that someone waits to see end, such as a rebuild, rather than a consumer that must not skip).
     */
    public static <T> T retrying(String what, Supplier<T> work, int attempts) throws InterruptedException {
        return retrying(what, work, attempts, WorkHealth.Watch.NONE);
    }

    private static <T> T retrying(String what, Supplier<T> work, int attempts, WorkHealth.Watch watch)
            throws InterruptedException {
        long backoff = 200;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = work.get();
                watch.succeeded();
                return result;
            } catch (StoreException e) {
                watch.failed(e);
                if (attempt >= attempts) {
                    LOG.warnf("Storing %s failed (%s); given up after %d tries", what, e.getMessage(), attempt);
                    throw e;
                }
                LOG.warnf("Storing %s failed (%s); retrying in %d ms", what, e.getMessage(), backoff);
                Thread.sleep(backoff); // back-off while PostgreSQL is unavailable, not test timing
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    /** The first column of every row of a query, as text. Parameters go through {@code setObject}. */
    public static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The instant in the first column of the first row, if any and not null. */
    public static Optional<Instant> firstInstant(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(instant(rs, 1)) : Optional.empty();
        }
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(i, Timestamp.from(t));
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it touched. Parameters as for {@link #prepare}. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** A statement with its parameters set: instants as timestamps, anything else through {@code setObject}. */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        bind(ps, 1, params);
        return ps;
    }

    /**
     * Sets {@code params} from parameter {@code first} on, as {@link #prepare} does (instants as timestamps, anything
     * else through {@code setObject}); returns the next parameter's index.
     */
    public static int bind(PreparedStatement ps, int first, Object... params) throws SQLException {
        int i = first;
        for (Object p : params) {
            if (p instanceof Instant t) {
                ps.setTimestamp(i++, Timestamp.from(t));
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }

    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new NoConnection(e);
        }
        try (Connection c = connection) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs idempotent DDL statements one by one (each start, and each instance, may run them). */
    public static void execute(DataSource dataSource, String what, String... statements) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the tables of " + what, e);
        }
    }
}
