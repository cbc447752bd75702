package com.supportdesk.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 =
            "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void aSealedSecretOpensForItsRowOnlyAndNamesItsKey() {
        SecretBox box = SecretBox.of(K1);
        String sealed = box.seal("partner-secret-123", "sub-1");
        assertThat(sealed).startsWith("enc:v1:k1:").doesNotContain("partner-secret-123");
        assertThat(box.seal("partner-secret-123", "sub-1"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThat(box.open(sealed, "sub-1")).isEqualTo("partner-secret-123");
        assertThat(box.keyIdOf(sealed)).isEqualTo("k1");
        assertThatThrownBy(() -> box.open(sealed, "sub-2")).hasMessageContaining("not this row's");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> box.open(tampered, "sub-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNewKeyFirstSealsWhileTheOldOneStillOpens() {
        String sealedWithK1 = SecretBox.of(K1).seal("s3cret-s3cret-s3cret", "sub-1");
        SecretBox rotated = SecretBox.of(K2 + "," + K1);
        assertThat(rotated.open(sealedWithK1, "sub-1")).isEqualTo("s3cret-s3cret-s3cret");
        assertThat(rotated.seal("x".repeat(20), "sub-1")).startsWith("enc:v1:k2:");
        assertThatThrownBy(() -> SecretBox.of(K2).open(sealedWithK1, "sub-1")).hasMessageContaining("key k1");
    }

    @Test
    void badKeyConfigurationIsRefusedClearly() {
        assertThatThrownBy(() -> SecretBox.of(null)).hasMessageContaining("support.notification.webhook.secret-keys");
        assertThatThrownBy(() -> SecretBox.of("k1:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("not 32");
        assertThatThrownBy(() -> SecretBox.of("k1:not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> SecretBox.of(K1 + "," + K1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> SecretBox.of("no-key")).hasMessageContaining("<id>:<base64 key>");
    }
}
