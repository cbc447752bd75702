package com.supportdesk.sla.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer that cannot get its polls committed makes sla-service not ready once it has failed for longer than the
 * bound (a minute), and the readiness check names it, with since when and why; the first commit after makes it ready
 * again, and nothing was skipped. The fault is a real one: the table the account consumer writes is renamed away,
 * so PostgreSQL answers "relation does not exist", which the consumer waits out (a migration under way).
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class WorkHealthIntegrationTest {

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Test
    void aConsumerFailingForLongerThanTheBoundMakesTheServiceNotReadyUntilItsNextCommit() {
        String account = "health-" + UUID.randomUUID().toString().substring(0, 8);
        Instant before = clock.instant();
        try {
            Jdbc.execute(dataSource, "the test", "ALTER TABLE sla_account RENAME TO sla_account_away");
            try {
                Wire.sendAccountRegistered(account, "EUROPE", "standard");
                // failing, but not for long yet: still ready, and the check says what fails
                JsonPath failing = await().atMost(Duration.ofSeconds(30))
                        .until(() -> readiness(200), r -> work(r, "data.'account-events consumer'") != null);
                assertThat(work(failing, "status")).isEqualTo("UP");
                assertThat(work(failing, "data.'account-events consumer'"))
                        .startsWith("failing for 0 s")
                        .contains("sla_account");

                clock.set(before.plusSeconds(61));
                JsonPath down = readiness(503);
                assertThat(down.getString("status")).isEqualTo("DOWN");
                assertThat(work(down, "status")).isEqualTo("DOWN");
                assertThat(work(down, "data.'account-events consumer'"))
                        .startsWith("failing for 61 s, since " + before)
                        .contains("does not exist");
                assertThat(metric("sla-service", "account-events consumer")).isEqualTo(61.0);
            } finally {
                Jdbc.execute(dataSource, "the test", "ALTER TABLE sla_account_away RENAME TO sla_account");
            }
            // the consumer's next try commits the account it waited with: ready again, the gauge back to 0
            Wire.awaitAccount(account);
            // (another loop that met the missing table, such as the timers, may take a round longer to get through)
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> given().get("/q/health/ready").statusCode() == 200);
            JsonPath up = readiness(200);
            assertThat(work(up, "status")).isEqualTo("UP");
            assertThat(work(up, "data.'account-events consumer'")).isNull();
            assertThat(metric("sla-service", "account-events consumer")).isZero();
        } finally {
            clock.set(before);
        }
    }

    private static JsonPath readiness(int status) {
        return given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    /** What {@code path} says in the background-work check of a readiness answer. */
    private static String work(JsonPath readiness, String path) {
        return readiness.getString("checks.find { it.name == 'background-work' }." + path);
    }

    private static double metric(String service, String loop) {
        String line = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(l -> l.startsWith("support_work_failing_seconds{")
                        && l.contains("loop=\"" + loop + "\"")
                        && l.contains("service=\"" + service + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no support_work_failing_seconds for " + loop));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
