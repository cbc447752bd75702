package com.supportdesk.ticket.config;

import com.supportdesk.ticket.command.ReferenceNumbers;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reference numbers from a PostgreSQL sequence: unique across instances, never reused (gaps are harmless). */
final class SequenceReferenceNumbers implements ReferenceNumbers {
    private final AgroalDataSource dataSource;

    SequenceReferenceNumbers(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String next() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT nextval('ticket_reference_seq')")) {
            rs.next();
            return String.format("TKT-%06d", rs.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException("No reference number", e);
        }
    }
}
