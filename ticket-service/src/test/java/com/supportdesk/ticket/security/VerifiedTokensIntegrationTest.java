package com.supportdesk.ticket.security;

import static com.supportdesk.ticket.TestData.newAccountId;
import static com.supportdesk.ticket.TestData.openTicket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A bearer token verified once is remembered until it expires (support.security.token-cache): the same token again
 * skips the signature check but nothing else (the account and role checks run on every request), a refused token is
 * never remembered, and a remembered token stops working when it expires.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class VerifiedTokensIntegrationTest {
    @Inject
    MeterRegistry meters;

    private double count(String result) {
        return meters.counter("support.security.token.cache", "result", result).count();
    }

    private String open(String token, String account) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(openTicket(account, "SEV3"))
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private int read(String token, String ticketId) {
        return given().auth().oauth2(token).get("/api/tickets/" + ticketId).statusCode();
    }

    @Test
    void theSameTokenAgainIsAnsweredFromTheCacheAndStillCheckedForItsAccount() {
        String accountA = newAccountId();
        String accountB = newAccountId();
        String customerA = TestTokens.token("carl-" + accountA, accountA, "customer");
        String ticketOfB = open(TestTokens.token("carl-" + accountB, accountB, "customer"), accountB);
        double hits = count("hit");
        double misses = count("miss");

        String ticketOfA = open(customerA, accountA); // verified by the OIDC extension, then remembered
        assertThat(count("miss") - misses).isEqualTo(1);
        assertThat(read(customerA, ticketOfA)).isEqualTo(200);
        assertThat(read(customerA, ticketOfB))
                .as("a remembered token is still only its account's: another account's ticket is not found")
                .isEqualTo(404);

        assertThat(count("hit") - hits).as("the two reads with the same token").isEqualTo(2);
        assertThat(count("miss") - misses).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        String account = newAccountId();
        String ticket = open(TestTokens.token("carl-" + account, account, "customer"), account);
        String forged = TestTokens.forged("mallory", account, "customer");
        double hits = count("hit");

        assertThat(read(forged, ticket)).isEqualTo(401);
        assertThat(read(forged, ticket)).isEqualTo(401);
        assertThat(read(TestTokens.expired("carl-" + account, account, "customer"), ticket))
                .isEqualTo(401);

        assertThat(count("hit") - hits).isZero();
    }

    @Test
    void aRememberedTokenStopsWorkingWhenItExpires() {
        String account = newAccountId();
        String ticket = open(TestTokens.token("carl-" + account, account, "customer"), account);
        String shortLived = TestTokens.staff(Duration.ofSeconds(3), "alice-agent", "agent");
        assertThat(read(shortLived, ticket)).isEqualTo(200);
        assertThat(read(shortLived, ticket)).as("remembered").isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> read(shortLived, ticket) == 401);
    }
}
