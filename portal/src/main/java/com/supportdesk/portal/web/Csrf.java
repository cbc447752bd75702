package com.supportdesk.portal.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cross-site request forgery protection for every form: each form carries a token bound to the signed-in session (an
 * HMAC of the user and the session's start, under the portal's key), and every post checks it before it does
 * anything. Another site can make a browser post, but cannot read the page to learn the token. The session cookies
 * are also {@code SameSite=Lax}, which already keeps them off most cross-site posts. Every instance shares the key
 * ({@code support.portal.csrf-key}), so a form from one instance posts to another.
 */
@ApplicationScoped
public class Csrf {
    private final byte[] key;

    public Csrf(@ConfigProperty(name = "support.portal.csrf-key") String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** The token of a session: its user and when it signed in (the ID token's {@code auth_time} or {@code iat}). */
    public String token(String userId, String sessionStart) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sum = mac.doFinal((userId + "|" + sessionStart).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a posted token is the session's (in constant time). */
    public boolean valid(String posted, String userId, String sessionStart) {
        if (posted == null) {
            return false;
        }
        return MessageDigest.isEqual(
                posted.getBytes(StandardCharsets.UTF_8),
                token(userId, sessionStart).getBytes(StandardCharsets.UTF_8));
    }
}
