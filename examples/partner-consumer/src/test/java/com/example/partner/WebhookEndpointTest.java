package com.example.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The partner's endpoint over real HTTP: signatures, the replay window, repeats by delivery id. */
class WebhookEndpointTest {
    private static final String SECRET = "s3cret-of-the-subscription";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String BODY = """
            {"specversion":"1.0","id":"e-1","type":"support.ticket.opened.v1","source":"/ticket-service",\
            "subject":"t-1","time":"2026-12-01T09:59:58Z","datacontenttype":"application/json",\
            "dataschema":"http://localhost:8081/schemas/support.ticket.opened.v1.json","sequence":"0",\
            "accountid":"acme","data":{"ticketId":"t-1","accountId":"acme"}}""";

    private final List<CloudEvent> received = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private WebhookEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = new WebhookEndpoint(
                new InetSocketAddress("127.0.0.1", 0),
                SECRET,
                Duration.ofMinutes(5),
                Clock.fixed(NOW, ZoneOffset.UTC),
                received::add);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    static String sign(String secret, long t, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1="
                + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private int post(String signature, String delivery, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Support-Signature", signature);
        }
        b.header("X-Support-Delivery", delivery);
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aSignedDeliveryIsHandedOverAsACloudEvent() throws Exception {
        assertThat(post(sign(SECRET, NOW.getEpochSecond() - 2, BODY), "d-1", BODY))
                .isEqualTo(204);
        assertThat(received).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("support.ticket.opened.v1");
            assertThat(e.getSubject()).isEqualTo("t-1");
            assertThat(e.getExtension("accountid")).isEqualTo("acme");
            assertThat(new String(e.getData().toBytes(), StandardCharsets.UTF_8))
                    .contains("\"ticketId\":\"t-1\"");
        });
    }

    @Test
    void aRepeatedDeliveryIsAcknowledgedButHandledOnce() throws Exception {
        String signature = sign(SECRET, NOW.getEpochSecond(), BODY);
        assertThat(post(signature, "d-2", BODY)).isEqualTo(204);
        assertThat(post(signature, "d-2", BODY)).isEqualTo(200);
        assertThat(received).hasSize(1);
        assertThat(endpoint.repeats()).isEqualTo(1);
    }

    @Test
    void duringTheirSecretRotationEitherSignatureIsEnough() throws Exception {
        long t = NOW.getEpochSecond();
        String oldAndOurs = sign("the-previous-secret", t, BODY) + ","
                + sign(SECRET, t, BODY).split(",")[1];
        assertThat(post(oldAndOurs, "d-9", BODY)).isEqualTo(204);
        String oursAndNew =
                sign(SECRET, t, BODY) + "," + sign("the-next-secret", t, BODY).split(",")[1];
        assertThat(post(oursAndNew, "d-10", BODY)).isEqualTo(204);
        assertThat(received).hasSize(2);
    }

    @Test
    void wrongSignaturesTamperedBodiesAndReplaysOutsideTheWindowAreRefused() throws Exception {
        long t = NOW.getEpochSecond();
        assertThat(post(null, "d-3", BODY)).isEqualTo(401);
        assertThat(post(sign("another-secret", t, BODY), "d-4", BODY)).isEqualTo(401);
        assertThat(post(sign(SECRET, t, BODY), "d-5", BODY.replace("t-1", "t-2")))
                .isEqualTo(401);
        assertThat(post(sign(SECRET, t - 301, BODY), "d-6", BODY))
                .as("older than 5 minutes")
                .isEqualTo(401);
        assertThat(post(sign(SECRET, t + 301, BODY), "d-7", BODY))
                .as("from the future")
                .isEqualTo(401);
        assertThat(post("t=" + t + ",v1=zz", "d-8", BODY)).isEqualTo(401);
        assertThat(received).isEmpty();
        assertThat(endpoint.refused()).isEqualTo(6);
    }
}
