package com.supportdesk.notification.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A poll of events holds its accounts' locks shared: the three event consumers' polls of one account go on side by
 * side, and only a profile arriving for the account (exclusive) waits for them, and they for it. Each wait is bounded by
 * a {@code lock_timeout} of 300 ms, so a lock that is not granted fails the statement instead of hanging the test.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class AccountLockIntegrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void pollsOfOneAccountShareItsLockAndAProfileArrivingWaitsForThem() throws Exception {
        TreeSet<String> accounts = new TreeSet<>(java.util.List.of("acc-lock-a", "acc-lock-b"));
        try (Connection receipts = begin();
                Connection breaches = begin();
                Connection arrival = begin()) {
            NotificationStore.shareAccounts(receipts, accounts);
            NotificationStore.shareAccounts(breaches, accounts); // not kept waiting: no exception within 300 ms
            assertThatThrownBy(() -> NotificationStore.lockAccount(arrival, "acc-lock-b"))
                    .as("a profile arriving waits for the polls that look for it")
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("55P03");
            arrival.rollback();
            receipts.commit();
            breaches.commit();

            bounded(arrival);
            bounded(receipts);
            NotificationStore.lockAccount(arrival, "acc-lock-b");
            assertThatThrownBy(() -> NotificationStore.shareAccounts(receipts, accounts))
                    .as("and a poll waits for a profile arriving")
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("55P03");
            receipts.rollback();
            arrival.rollback();
        }
    }

    private Connection begin() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return bounded(c);
    }

    /** The lock time-out for the transaction {@code c} is in (it ends with it). */
    private static Connection bounded(Connection c) throws SQLException {
        Jdbc.update(c, "SET LOCAL lock_timeout = '300ms'");
        return c;
    }
}
