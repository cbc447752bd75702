package com.supportdesk.ticket.config;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * A unique-key violation on (aggregate, sequence) means another writer appended first: optimistic concurrency.
 * PostgreSQL reports it as SQLSTATE 23505.
 */
final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {
    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
