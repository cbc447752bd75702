package com.supportdesk.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries so a partner can check they come from us and are not replayed: HMAC-SHA256 with the
 * subscription's secret over {@code <timestamp>.<body>}, sent as {@code X-Support-Signature: t=<epoch seconds>,
 * v1=<hex>} (a second {@code v1} while a rotated secret's previous one still signs). A receiver recomputes it and refuses a timestamp older than its tolerance (five minutes here).
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Support-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {}

    /** The header value for a body sent at {@code at}. */
    public static String sign(String secret, Instant at, byte[] body) {
        return sign(java.util.List.of(secret), at, body);
    }

    /**
     * The header value signed with each secret, one {@code v1} per secret: during a secret rotation both the new and
     * the previous secret sign, and a receiver accepts the delivery if any {@code v1} verifies with the secret it has.
     */
    public static String sign(java.util.List<String> secrets, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        StringBuilder header = new StringBuilder("t=").append(t);
        for (String secret : secrets) {
            header.append(",v1=").append(HexFormat.of().formatHex(mac(secret, t, body)));
        }
        return header.toString();
    }

    /**
     * Whether {@code header} carries a valid signature of {@code body} by {@code secret} (any of its {@code v1}
     * values), made within {@code tolerance} of {@code now}.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (t == null || signatures.isEmpty()) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            return false; // too old (a replay) or from the future
        }
        byte[] expected = mac(secret, t, body);
        boolean valid = false;
        for (String v1 : signatures) {
            try {
                valid |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1)); // constant time
            } catch (IllegalArgumentException e) {
                // not hex: this one does not verify
            }
        }
        return valid;
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
