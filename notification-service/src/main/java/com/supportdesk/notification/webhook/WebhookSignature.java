package com.supportdesk.notification.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs webhook deliveries so a partner can check they come from us and are not replayed: HMAC-SHA256 with the
 * subscription's secret over {@code <timestamp>.<body>}, sent as {@code X-Support-Signature: t=<epoch seconds>,
 * v1=<hex>}. A receiver recomputes it and refuses a timestamp older than its tolerance (five minutes here).
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Support-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** The header value for a body sent at {@code at}. */
    public static String sign(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /** Whether {@code header} is a valid signature of {@code body}, made within {@code tolerance} of {@code now}. */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            return false; // too old (a replay) or from the future
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(v1);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, t, body), given); // constant time
    }

    private static byte[] mac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
