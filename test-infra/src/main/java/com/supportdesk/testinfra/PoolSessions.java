package com.supportdesk.testinfra;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** What a transaction of a service's connection pool sees of the session the pool opened for it. */
public final class PoolSessions {
    private PoolSessions() {}

    /**
     * How long a transaction of {@code pool} may sit idle between statements, and the schema it works in, as
     * {@code "30s in escalation"} (read inside a transaction, as the services' own work is).
     */
    public static String idleBoundAndSchema(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT current_setting('idle_in_transaction_session_timeout'), current_schema()")) {
                rs.next();
                return rs.getString(1) + " in " + rs.getString(2);
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * Ends the session behind the connection {@code pool} hands out, from a session of its own, as a restart of the
     * database or the idle bound ends it; then borrows a connection twenty times and runs a statement on each.
     * Answers how many of those failed: a pool that drops a connection whose session is gone fails at most once,
     * one that keeps it fails every time it hands it out.
     */
    public static int failuresAfterTheServerEndedASession(DataSource pool) throws SQLException {
        int pid;
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        try (Connection admin =
                        RealInfrastructure.postgres().getPostgresDatabase().getConnection();
                java.sql.PreparedStatement end = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            end.setInt(1, pid);
            end.execute();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !sessionAlive(admin, pid));
        }
        int failures = 0;
        for (int i = 0; i < 20; i++) {
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            } catch (SQLException e) {
                failures++;
            }
        }
        return failures;
    }

    private static boolean sessionAlive(Connection admin, int pid) throws SQLException {
        try (java.sql.PreparedStatement q = admin.prepareStatement("SELECT 1 FROM pg_stat_activity WHERE pid = ?")) {
            q.setInt(1, pid);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
