package com.supportdesk.reporting.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.testinfra.AuthorizationMatrix;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestEvents;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * reporting-service's authorisation matrix (the same table as in docs/api.md): searches are narrowed to the caller's
 * accounts, a ticket of another account does not exist for them, the dashboard is the vendor staff's, rebuilds and
 * the audit trail the administrators'.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AuthorizationMatrixIntegrationTest {
    //                         cust     cdsc     partner  agent eng sam ops admin service none
    static final String READ = "ok 404  ok 404  ok 404   ok ok ok ok ok ok 401";
    static final String DASHBOARD = "403 403 403 403 403 403 ok ok ok ok ok 403 401";
    static final String OPS = "403 403 403 403 403 403 403 403 403 ok ok 403 401";
    static final String ADMIN = "403 403 403 403 403 403 403 403 403 403 ok 403 401";

    @Test
    void everyPathAnswersEachCallerAsTheTableSays() {
        String own = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.parse("2026-10-14T09:00:00Z");
        TestEvents.registerAccount(own, at);
        String ticket = TestEvents.openTicket(own, at);
        String staff = TestTokens.allStaff();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(staff)
                                .get("/api/reports/tickets/" + ticket)
                                .statusCode()
                        == 200);

        AuthorizationMatrix matrix = new AuthorizationMatrix("reporting-service", own, other)
                .row(
                        "GET /api/reports/tickets",
                        null,
                        "ok ok ok ok ok ok ok ok ok ok ok ok 401",
                        "narrowed to the caller's accounts")
                .row("GET /api/reports/tickets/{ticket}", null, READ)
                .row("GET /api/reports/tickets/{ticket}/timeline", null, READ)
                .row(
                        "GET /api/reports/accounts/{account}/monthly/2026-10",
                        null,
                        "403 403 ok 404 ok 404 ok ok ok ok ok 403 401")
                .row("GET /api/reports/dashboard", null, DASHBOARD)
                .row("GET /api/reports/dashboard/stream", null, DASHBOARD, "stream of server-sent events")
                .row(
                        "GET /api/reports/queue",
                        null,
                        "403 403 403 403 403 403 ok ok 403 ok ok 403 401",
                        "the agents' work queue")
                .row("GET /api/reports/monthly-deliveries/{account}/2026-10", null, OPS)
                .row("POST /api/reports/monthly-deliveries/{account}/2026-10", null, OPS, "sends it (again)")
                .row("GET /api/reports/admin/rebuild", null, ADMIN)
                .row("POST /api/reports/admin/rebuild", null, ADMIN)
                .row("GET /api/audit", null, ADMIN);
        Map<String, String> paths = Map.of("ticket", ticket, "account", own);
        assertThat(matrix.verify(paths))
                .as("cells that disagree with the table")
                .isEmpty();
        assertThat(matrix.verifyBadTokens(paths)).as("bad tokens not refused").isEmpty();
        assertThat(matrix.render(Path.of("..", "docs", "api.md"))).isNull();
        // the rebuild this started ends before the next test class (one at a time)
        await().atMost(Duration.ofSeconds(120))
                .until(() -> !"RUNNING"
                        .equals(given().auth()
                                .oauth2(staff)
                                .get("/api/reports/admin/rebuild")
                                .jsonPath()
                                .getString("state")));
    }
}
