package com.supportdesk.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    static final byte[] BODY = "{\"ticketId\":\"t-1\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant AT = Instant.parse("2026-04-01T10:00:00Z");

    @Test
    void aSignatureVerifiesWithTheSameSecretAndBodyOnly() {
        String header = WebhookSignature.sign("s3cret", AT, BODY);
        assertThat(header).startsWith("t=" + AT.getEpochSecond() + ",v1=");
        assertThat(WebhookSignature.verify("s3cret", header, BODY, AT.plusSeconds(30), Duration.ofMinutes(5)))
                .isTrue();
        assertThat(WebhookSignature.verify("other", header, BODY, AT, Duration.ofMinutes(5)))
                .isFalse();
        byte[] tampered = "{\"ticketId\":\"t-2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify("s3cret", header, tampered, AT, Duration.ofMinutes(5)))
                .isFalse();
    }

    @Test
    void duringARotationEitherSecretVerifiesTheSameHeader() {
        String header = WebhookSignature.sign(java.util.List.of("new-secret", "old-secret"), AT, BODY);
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify("new-secret", header, BODY, AT, WebhookSignature.DEFAULT_TOLERANCE))
                .isTrue();
        assertThat(WebhookSignature.verify("old-secret", header, BODY, AT, WebhookSignature.DEFAULT_TOLERANCE))
                .isTrue();
        assertThat(WebhookSignature.verify("other", header, BODY, AT, WebhookSignature.DEFAULT_TOLERANCE))
                .isFalse();
    }

    @Test
    void anOldSignatureIsAReplayAndIsRefused() {
        String header = WebhookSignature.sign("s3cret", AT, BODY);
        assertThat(WebhookSignature.verify(
                        "s3cret", header, BODY, AT.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5)))
                .isFalse();
        // a forged timestamp breaks the MAC
        String forged = header.replace(
                "t=" + AT.getEpochSecond(), "t=" + AT.plusSeconds(600).getEpochSecond());
        assertThat(WebhookSignature.verify("s3cret", forged, BODY, AT.plusSeconds(600), Duration.ofMinutes(5)))
                .isFalse();
    }

    @Test
    void malformedHeadersAreRefusedNotThrown() {
        for (String h : new String[] {null, "", "t=abc,v1=00", "v1=00", "t=1", "t=1,v1=zz"}) {
            assertThat(WebhookSignature.verify("s", h, BODY, AT, Duration.ofMinutes(5)))
                    .as(h)
                    .isFalse();
        }
    }

    @Test
    void retriesBackOffExponentiallyUpToACapThenGiveUp() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), 5);
        assertThat(p.next(1, AT)).contains(AT.plusSeconds(10));
        assertThat(p.next(2, AT)).contains(AT.plusSeconds(20));
        assertThat(p.next(3, AT)).contains(AT.plusSeconds(40));
        assertThat(p.next(4, AT)).contains(AT.plusSeconds(60)); // capped
        assertThat(p.next(5, AT)).isEmpty(); // dead letter
    }
}
