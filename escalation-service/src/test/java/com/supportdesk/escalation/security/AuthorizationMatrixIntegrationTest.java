package com.supportdesk.escalation.security;

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

/** escalation-service's authorisation matrix (the same table as in docs/api.md): the vendor's staff only. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AuthorizationMatrixIntegrationTest {
    //                         cust     cdsc     partner  agent eng sam ops admin service none
    static final String STAFF = "403 403 403 403 403 403 ok ok ok ok ok 403 401";

    @Test
    void everyPathAnswersEachCallerAsTheTableSays() {
        String own = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        TestEvents.registerAccount(own, Instant.parse("2026-01-05T08:00:00Z"));
        String ticket = TestEvents.openTicket(own, Instant.parse("2026-01-05T08:00:00Z"));
        String staff = TestTokens.allStaff();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(staff)
                                .get("/api/escalations/accounts/" + own + "/rules")
                                .statusCode()
                        == 200);

        AuthorizationMatrix matrix = new AuthorizationMatrix("escalation-service", own, other)
                .row("GET /api/escalations/tickets/{ticket}", null, STAFF)
                .row("GET /api/escalations/accounts/{account}/rules", null, STAFF);
        Map<String, String> paths = Map.of("ticket", ticket, "account", own);
        assertThat(matrix.verify(paths))
                .as("cells that disagree with the table")
                .isEmpty();
        assertThat(matrix.verifyBadTokens(paths)).as("bad tokens not refused").isEmpty();
        assertThat(matrix.render(Path.of("..", "docs", "api.md"))).isNull();
    }
}
