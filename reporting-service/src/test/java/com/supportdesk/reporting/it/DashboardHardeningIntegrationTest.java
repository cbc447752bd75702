package com.supportdesk.reporting.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The dashboard's page is served under a strict Content-Security-Policy, and its live stream ends with the token. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class DashboardHardeningIntegrationTest {

    @TestHTTPResource("/api/reports/dashboard/stream")
    URL stream;

    @Test
    void thePageCarriesNoInlineScriptOrStyleAndAStrictPolicy() {
        String page = given().when()
                .get("/")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("style-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .extract()
                .asString();
        assertThat(page)
                .doesNotContain("<script>")
                .doesNotContain("<style>")
                .doesNotContain("style=\"")
                .doesNotContainPattern("\\son[a-z]+=")
                .contains("<script src=\"/dashboard.js\"");
        given().when().get("/dashboard.js").then().statusCode(200).contentType(containsString("javascript"));
        given().when().get("/dashboard.css").then().statusCode(200).contentType(containsString("css"));
    }

    /** Opens the stream and returns a future that completes when the server ends it. */
    private CompletableFuture<Integer> open(String token) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stream.toURI())
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return CompletableFuture.supplyAsync(() -> {
            int events = 0;
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data:")) {
                        events++;
                    }
                }
            } catch (java.io.IOException e) {
                return -1;
            }
            return events;
        });
    }

    @Test
    void theLiveStreamEndsWhenTheTokenThatOpenedItExpires() throws Exception {
        CompletableFuture<Integer> shortLived = open(TestTokens.staff(Duration.ofSeconds(3), "olga", "ops"));
        CompletableFuture<Integer> longLived = open(TestTokens.staff("oscar", "ops"));
        assertThat(shortLived.get(20, TimeUnit.SECONDS))
                .as("events before the end")
                .isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> longLived.get(2, TimeUnit.SECONDS))
                .as("an hour's token streams on")
                .isInstanceOf(TimeoutException.class);
        longLived.cancel(true);
        given().auth()
                .oauth2(TestTokens.staff(Duration.ofSeconds(-60), "olga", "ops"))
                .when()
                .get(URI.create(stream.toString()))
                .then()
                .statusCode(401);
    }
}
