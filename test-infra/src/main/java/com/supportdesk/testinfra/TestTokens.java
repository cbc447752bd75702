package com.supportdesk.testinfra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signed access tokens for @QuarkusTests and system tests that run without Keycloak: the same claims Keycloak's
 * realm {@code support} puts in a token (realm roles, {@code account_id}, {@code entitled_accounts}), signed RS256
 * with a key pair made once per JVM. The services under test verify them with {@code quarkus.oidc.public-key}
 * ({@link #oidcConfig()}), so the verification code is the production one; only the issuer differs. End-to-end
 * tests use tokens from the real Keycloak instead.
 */
public final class TestTokens {
    public static final String ISSUER = "https://keycloak.test/realms/support";
    /** The audience every client of the realm adds, and the only one the services accept. */
    public static final String AUDIENCE = "support-api";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair KEYS = generate();
    /** A platform service's token (escalation-service), valid for the whole test run. */
    public static final String SERVICE =
            build("escalation-service", null, List.of(), Duration.ofHours(12), KEYS.getPrivate(), "service");

    private TestTokens() {}

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as quarkus-oidc reads it (base64 of the X.509 encoding). */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** What a service under test needs to accept these tokens (and nothing else). */
    public static Map<String, String> oidcConfig() {
        // no server: the key is all there is (an empty auth-server-url unsets the production default)
        return Map.of(
                "quarkus.oidc.public-key",
                publicKey(),
                "quarkus.oidc.token.issuer",
                ISSUER,
                "quarkus.oidc.auth-server-url",
                "",
                // escalation-service's identity for its commands, instead of Keycloak's client credentials
                "support.service-token",
                SERVICE);
    }

    /** A user of a client account (customer, cdsc) or a partner entitled to some accounts. */
    public static String token(String user, String accountId, String... roles) {
        return build(user, accountId, List.of(), Duration.ofHours(1), KEYS.getPrivate(), roles);
    }

    /** Vendor staff (agent, engineer, sam, ops, admin): no account. */
    public static String staff(String user, String... roles) {
        return build(user, null, List.of(), Duration.ofHours(1), KEYS.getPrivate(), roles);
    }

    /** Vendor staff whose token expires after {@code life} (a session that ends during the test). */
    public static String staff(Duration life, String user, String... roles) {
        return build(user, null, List.of(), life, KEYS.getPrivate(), roles);
    }

    /** Vendor staff whose token was issued and expires at the given times (one that expired days ago). */
    public static String staff(Instant issued, Instant expires, String user, String... roles) {
        Map<String, Object> times = Map.of("iat", issued.getEpochSecond(), "exp", expires.getEpochSecond());
        return sign(
                alter(claims(user, null, List.of(), Duration.ofHours(1), roles), times), KEYS.getPrivate(), "RS256");
    }

    /** One with every vendor role: for tests about something other than authorisation. */
    public static String allStaff() {
        return staff("test-staff", "agent", "engineer", "sam", "ops", "admin", "service");
    }

    public static String partner(String user, List<String> entitledAccounts) {
        return build(user, null, entitledAccounts, Duration.ofHours(1), KEYS.getPrivate(), "partner");
    }

    /** Signed properly but expired a minute ago. */
    public static String expired(String user, String accountId, String... roles) {
        return build(user, accountId, List.of(), Duration.ofMinutes(-1), KEYS.getPrivate(), roles);
    }

    /** Well-formed, claims as a real token, but signed with a key nobody trusts. */
    public static String forged(String user, String accountId, String... roles) {
        return build(user, accountId, List.of(), Duration.ofHours(1), generate().getPrivate(), roles);
    }

    /**
     * A customer's token, properly signed, with some claims changed: a value replaces the claim, {@code null}
     * removes it (a wrong issuer, another audience, a start in the future, no account).
     */
    public static String altered(String user, String accountId, Map<String, Object> changes, String... roles) {
        return sign(
                alter(claims(user, accountId, List.of(), Duration.ofHours(1), roles), changes),
                KEYS.getPrivate(),
                "RS256");
    }

    /** The same claims as a good token, but {@code alg: none} and no signature. */
    public static String unsigned(String user, String accountId, String... roles) {
        return sign(claims(user, accountId, List.of(), Duration.ofHours(1), roles), null, "none");
    }

    private static Map<String, Object> alter(Map<String, Object> claims, Map<String, Object> changes) {
        changes.forEach((k, v) -> {
            if (v == null) {
                claims.remove(k);
            } else {
                claims.put(k, v);
            }
        });
        return claims;
    }

    private static String build(
            String user, String accountId, List<String> entitled, Duration life, PrivateKey key, String... roles) {
        return sign(claims(user, accountId, entitled, life, roles), key, "RS256");
    }

    private static Map<String, Object> claims(
            String user, String accountId, List<String> entitled, Duration life, String... roles) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put(
                "sub",
                UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString());
        claims.put("preferred_username", user);
        claims.put("email", user + "@test.example");
        claims.put("typ", "Bearer");
        claims.put("aud", List.of(AUDIENCE, "account"));
        claims.put("azp", "portal");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond() - (life.isNegative() ? 3600 : 0));
        claims.put("exp", now.plus(life).getEpochSecond());
        claims.put("realm_access", Map.of("roles", List.of(roles)));
        if (accountId != null) {
            claims.put("account_id", accountId);
        }
        if (!entitled.isEmpty()) {
            claims.put("entitled_accounts", entitled);
        }
        return claims;
    }

    private static String sign(Map<String, Object> claims, PrivateKey key, String alg) {
        try {
            String header = b64(JSON.writeValueAsBytes(Map.of("alg", alg, "typ", "JWT", "kid", "test")));
            String payload = b64(JSON.writeValueAsBytes(claims));
            if (key == null) {
                return header + "." + payload + ".";
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
