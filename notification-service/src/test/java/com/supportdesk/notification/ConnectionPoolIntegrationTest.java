package com.supportdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.PoolSessions;
import com.supportdesk.testinfra.SmtpResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The service's connection pool bounds how long any of its transactions may sit idle between statements, so that a
 * frozen instance's session is ended and its locks go (ADR 0010, addendum of session 34); its schema stays its own.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class ConnectionPoolIntegrationTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyTransactionMaySitIdleThirtySecondsAtMostInTheServicesOwnSchema() throws Exception {
        assertThat(PoolSessions.idleBoundAndSchema(dataSource)).isEqualTo("30s in notification");
    }

    /**
     * A session the server ended (a restart of PostgreSQL, an administrator, the idle bound) costs the pool one
     * failed statement at most: the connection is dropped, not handed out again and again.
     */
    @Test
    void aConnectionWhoseSessionTheServerEndedIsDroppedNotHandedOutAgain() throws Exception {
        assertThat(PoolSessions.failuresAfterTheServerEndedASession(dataSource)).isLessThanOrEqualTo(1);
    }
}
