package com.supportdesk.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals webhook secrets for the database: AES-256-GCM with a random 96-bit nonce, the row's id as associated data (a
 * sealed secret copied to another row does not open), and the key's id stored with it so that keys can rotate:
 * {@code enc:v1:<key id>:<nonce>:<ciphertext and tag>} (base64url). Keys come from configuration as
 * {@code id:base64-key} pairs, the first one sealing, every one opening.
 */
public final class SecretBox {
    public static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /** From {@code "k2:BASE64,k1:BASE64"} (each key 32 bytes, standard or url-safe base64); the first one seals. */
    public static SecretBox of(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no key: set support.notification.webhook.secret-keys to "
                    + "'<id>:<base64 of 32 random bytes>' (e.g. k1:$(openssl rand -base64 32))");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] idAndKey = entry.trim().split(":", 2);
            if (idAndKey.length != 2 || !idAndKey[0].matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("a secret key is '<id>:<base64 key>', the id of letters, digits, "
                        + "'-' or '_'; got an entry starting with '" + idAndKey[0] + "'");
            }
            byte[] key = decode(idAndKey[1].trim());
            if (key.length != 32) {
                throw new IllegalArgumentException(
                        "secret key " + idAndKey[0] + " has " + key.length + " bytes, not 32 (AES-256)");
            }
            if (keys.put(idAndKey[0], new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException("secret key id " + idAndKey[0] + " is given twice");
            }
        }
        return new SecretBox(keys.keySet().iterator().next(), Map.copyOf(keys));
    }

    public String currentKeyId() {
        return currentId;
    }

    public boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The id of the key that sealed it (null when not sealed). */
    public String keyIdOf(String stored) {
        return isSealed(stored) ? stored.substring(PREFIX.length()).split(":", 2)[0] : null;
    }

    public String seal(String secret, String rowId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return PREFIX + currentId + ":" + b64.encodeToString(nonce) + ":" + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens a sealed secret of row {@code rowId}; fails when the key is unknown or the text was altered or moved. */
    public String open(String stored, String rowId) {
        if (!isSealed(stored)) {
            throw new IllegalStateException("secret of " + rowId + " is not sealed");
        }
        String[] parts = stored.substring(PREFIX.length()).split(":");
        if (parts.length != 3) {
            throw new IllegalStateException("secret of " + rowId + " is not in the sealed form");
        }
        SecretKey key = keys.get(parts[0]);
        if (key == null) {
            throw new IllegalStateException("secret of " + rowId + " is sealed with key " + parts[0]
                    + ", which is not configured (support.notification.webhook.secret-keys)");
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, b64.decode(parts[1])));
            cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(b64.decode(parts[2])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("secret of " + rowId + " does not open: altered, or not this row's", e);
        }
    }

    private static byte[] decode(String text) {
        try {
            return text.contains("-") || text.contains("_")
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a secret key is not base64: " + e.getMessage());
        }
    }
}
