package com.supportdesk.notification.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.notification.engine.NotificationProcessor;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sent deliveries are kept for their retention (90 days by default) and then purged, a slice at a time; what is still
 * to be sent or parked for a replay stays, however old.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryRetentionIntegrationTest {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    NotificationProcessor processor;

    @Test
    void sentDeliveriesOlderThanTheRetentionArePurgedInSlicesAndNothingElse() {
        // long ago, so that no other test's delivery is old enough to be purged here
        Instant now = Instant.parse("2001-06-01T00:00:00Z");
        String run = "ret-" + UUID.randomUUID().toString().substring(0, 6);
        Jdbc.inTransaction(dataSource, c -> {
            insert(c, run + "-old-sent", "SENT", 2_500, now.minus(Duration.ofDays(91)));
            insert(c, run + "-young-sent", "SENT", 3, now.minus(Duration.ofDays(89)));
            insert(c, run + "-old-parked", "PARKED", 2, now.minus(Duration.ofDays(400)));
            insert(c, run + "-old-pending", "PENDING", 2, null);
            return null;
        });

        long purged = processor.purgeSent(now);

        assertThat(purged).as("2,500 in three slices of at most 1,000").isEqualTo(2_500);
        assertThat(count(run + "-old-sent%")).isZero();
        assertThat(count(run + "-young-sent%")).isEqualTo(3);
        assertThat(count(run + "-old-parked%")).isEqualTo(2);
        assertThat(count(run + "-old-pending%")).isEqualTo(2);
        assertThat(processor.purgeSent(now)).as("again: nothing left to purge").isZero();
    }

    @Test
    void theDeadLetterStoreIsPagedByKey() {
        String run = "dl-" + UUID.randomUUID().toString().substring(0, 6);
        // parked long before any other test's, so that they come first
        Jdbc.inTransaction(dataSource, c -> {
            insert(c, run, "PARKED", 5, Instant.parse("1999-01-01T00:00:00Z"));
            Jdbc.update(
                    c,
                    "UPDATE ntf_delivery SET created_at = CAST('1999-01-01T00:00:00Z' AS timestamptz)"
                            + " + CAST(substr(id, length(?) + 2) AS int) * interval '1 second' WHERE id LIKE ?",
                    run,
                    run + "-%");
            return null;
        });
        String ops = com.supportdesk.testinfra.TestTokens.staff("olga", "ops");
        java.util.List<String> seen = new java.util.ArrayList<>();
        String after = null;
        for (int page = 0; page < 3; page++) {
            var request = io.restassured.RestAssured.given().auth().oauth2(ops).queryParam("limit", 2);
            if (after != null) {
                request = request.queryParam("after", after);
            }
            java.util.List<String> ids = request.get("/api/notifications/dead-letters")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("id");
            seen.addAll(ids.stream().filter(id -> id.startsWith(run)).toList());
            after = ids.get(ids.size() - 1);
        }
        assertThat(seen).containsExactly(run + "-1", run + "-2", run + "-3", run + "-4", run + "-5");
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(ops)
                .queryParam("after", "no-such-delivery")
                .get("/api/notifications/dead-letters")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static void insert(java.sql.Connection c, String prefix, String state, int n, Instant doneAt)
            throws java.sql.SQLException {
        Jdbc.update(c, """
                INSERT INTO ntf_delivery (id, trigger_id, trigger_type, channel, kind, recipient, account_id, subject_id,
                    language, subject, body, state, attempts, created_at, done_at)
                SELECT ? || '-' || n, ? || '-' || n, 'support.ticket.opened.v1', 'EMAIL', 'RECEIPT', 'ann@x.example',
                    'acc-ret', ? || '-' || n, 'EN', 'Ticket received', convert_to('x', 'UTF8'), ?, 1,
                    CAST('2000-01-01T00:00:00Z' AS timestamptz), CAST(? AS timestamptz)
                FROM generate_series(1, ?) AS n""", prefix, prefix, prefix, state, doneAt, n);
    }

    private long count(String subjectLike) {
        return Long.parseLong(Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.strings(c, "SELECT count(*) FROM ntf_delivery WHERE subject_id LIKE ?", subjectLike))
                .get(0));
    }
}
