package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.testinfra.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keycloak unreachable: ticket-service starts all the same (its health says so), and a call whose token cannot be
 * checked answers 503 with Retry-After, a problem document and no stack trace: the caller did nothing wrong.
 */
class IdentityProviderDownSystemTest {
    private static ServiceProcess ticketService;

    @BeforeAll
    static void start() throws Exception {
        // a port nobody listens on: the identity provider is down
        int nowhere = Http.freePort();
        ticketService = new ServiceProcess(
                Path.of(System.getProperty("ticket-service.app")),
                Http.freePort(),
                Map.of(
                        "SUPPORT_DB_URL", RealInfrastructure.jdbcUrl(),
                        "KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.bootstrapServers(),
                        "SUPPORT_OIDC_URL", "http://localhost:" + nowhere + "/realms/support"),
                Files.createTempFile("ticket-service-no-idp-", ".log"));
        ticketService.start();
        ticketService.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (ticketService != null) {
            ticketService.stop();
        }
    }

    @Test
    void callsAnswer503WithRetryAfterWhileTheIdentityProviderIsUnreachable() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + ticketService.port() + "/api/tickets/no-such-ticket"))
                                .header("Authorization", Http.STAFF)
                                .header("Accept", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(r.body()).contains("identity-provider-unavailable").doesNotContain("Exception");
    }
}
