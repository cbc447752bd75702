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
}
