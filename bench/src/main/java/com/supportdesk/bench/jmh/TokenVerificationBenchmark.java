package com.supportdesk.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What verifying a bearer token costs per request (issue 15): a Keycloak-like RS256 access token (2048-bit key, the
 * claims our realm puts in) checked the way the services' OIDC layer does with jose4j (signature, issuer, expiry,
 * claims parsed), against the RSA signature check alone and against a lookup in a cache keyed by the token (what
 * verifying each distinct token once would cost instead).
 *
 * <p>Run: {@code bench/run-jmh.sh TokenVerificationBenchmark} (one fork, one thread: the figure is per core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBenchmark {
    private static final String ISSUER = "http://localhost:8180/realms/support";

    private String token;
    private byte[] signedPart;
    private byte[] signature;
    private KeyPair keys;
    private JwtConsumer consumer;
    private final Map<String, JwtClaims> cache = new ConcurrentHashMap<>();

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("2f1c4a8e-6d2b-4f0e-9c3a-1b2d3e4f5a6b");
        claims.setAudience("account");
        claims.setExpirationTimeMinutesInTheFuture(15);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setClaim("typ", "Bearer");
        claims.setClaim("azp", "portal");
        claims.setClaim("preferred_username", "alice.agent");
        claims.setClaim("email", "alice.agent@vendor.example");
        claims.setClaim("realm_access", Map.of("roles", List.of("agent", "offline_access", "uma_authorization")));
        claims.setClaim("scope", "openid email profile");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setKeyIdHeaderValue("k1");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        token = jws.getCompactSerialization();
        int lastDot = token.lastIndexOf('.');
        signedPart = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        consumer = new JwtConsumerBuilder()
                .setVerificationKey(keys.getPublic())
                .setExpectedIssuer(ISSUER)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .setSkipDefaultAudienceValidation()
                .build();
        cache.put(token, consumer.processToClaims(token));
    }

    @Benchmark
    public JwtClaims verifyTokenFully() throws Exception {
        return consumer.processToClaims(token);
    }

    @Benchmark
    public boolean rsaSignatureOnly() throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update(signedPart);
        return rsa.verify(signature);
    }

    @Benchmark
    public JwtClaims cachedByToken() {
        return cache.get(token);
    }
}
