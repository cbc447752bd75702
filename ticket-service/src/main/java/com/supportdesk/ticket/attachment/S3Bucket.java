package com.supportdesk.ticket.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One bucket of a server that speaks the S3 API (Amazon S3, MinIO, Ceph, s3proxy...), with path-style addresses and
 * AWS Signature Version 4. Only what content-addressed storage needs: whether an object exists, put one from a file,
 * read one as a stream, delete one. The JDK's HTTP client streams both ways, so no file is ever whole in memory; the
 * payload's SHA-256, which is also the object's key, is signed, so the server refuses a body that arrived altered.
 */
final class S3Bucket {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final String bucket;
    private final String region;
    private final String accessKey;
    private final String secretKey;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;

    /** A request the server refused (or answered in a way the storage cannot use). */
    static final class Failure extends IOException {
        final int status;

        Failure(String what, int status, String body) {
            super(what + ": HTTP " + status + (body.isBlank() ? "" : " " + body.strip()));
            this.status = status;
        }
    }

    S3Bucket(
            URI endpoint,
            String bucket,
            String region,
            String accessKey,
            String secretKey,
            Duration timeout,
            Clock clock) {
        this.endpoint = URI.create(endpoint.toString().replaceAll("/+$", ""));
        this.bucket = bucket;
        this.region = region;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Creates the bucket unless it exists (for a local installation; in a cloud the bucket is provisioned). */
    void createIfMissing() throws IOException {
        HttpResponse<String> head = send("HEAD", "", EMPTY_SHA256, HttpRequest.BodyPublishers.noBody(), ofString());
        if (head.statusCode() == 200) {
            return;
        }
        HttpResponse<String> created = send("PUT", "", EMPTY_SHA256, HttpRequest.BodyPublishers.noBody(), ofString());
        if (created.statusCode() != 200 && created.statusCode() != 409) {
            throw new Failure("creating bucket " + bucket, created.statusCode(), created.body());
        }
    }

    /** Whether the object exists. */
    boolean exists(String key) throws IOException {
        HttpResponse<String> r = send("HEAD", key, EMPTY_SHA256, HttpRequest.BodyPublishers.noBody(), ofString());
        if (r.statusCode() == 200) {
            return true;
        }
        if (r.statusCode() == 404) {
            return false;
        }
        throw new Failure("HEAD " + key, r.statusCode(), r.body());
    }

    /** Puts the file's bytes, whose SHA-256 is {@code sha256} (hex), under the key. */
    void put(String key, Path file, String sha256, String mediaType) throws IOException {
        HttpResponse<String> r = send(
                "PUT",
                key,
                sha256,
                HttpRequest.BodyPublishers.ofFile(file),
                ofString(),
                Map.of("content-type", mediaType));
        if (r.statusCode() != 200) {
            throw new Failure("PUT " + key, r.statusCode(), r.body());
        }
    }

    /** The object's bytes as a stream the caller closes. */
    InputStream get(String key) throws IOException {
        HttpResponse<InputStream> r = send(
                "GET",
                key,
                EMPTY_SHA256,
                HttpRequest.BodyPublishers.noBody(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            }
            throw new Failure("GET " + key, r.statusCode(), body);
        }
        return r.body();
    }

    /** Deletes the object (deleting a missing one is no error). */
    void delete(String key) throws IOException {
        HttpResponse<String> r = send("DELETE", key, EMPTY_SHA256, HttpRequest.BodyPublishers.noBody(), ofString());
        if (r.statusCode() != 204 && r.statusCode() != 200 && r.statusCode() != 404) {
            throw new Failure("DELETE " + key, r.statusCode(), r.body());
        }
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    private <T> HttpResponse<T> send(
            String method,
            String key,
            String payloadSha256,
            HttpRequest.BodyPublisher body,
            HttpResponse.BodyHandler<T> handler)
            throws IOException {
        return send(method, key, payloadSha256, body, handler, Map.of());
    }

    private <T> HttpResponse<T> send(
            String method,
            String key,
            String payloadSha256,
            HttpRequest.BodyPublisher body,
            HttpResponse.BodyHandler<T> handler,
            Map<String, String> extra)
            throws IOException {
        String path = endpoint.getRawPath() + "/" + encode(bucket) + (key.isEmpty() ? "" : "/" + encodePath(key));
        URI uri = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + path);
        String amzDate = AMZ_DATE.format(clock.instant());
        TreeMap<String, String> headers = new TreeMap<>(extra);
        headers.put("host", endpoint.getRawAuthority());
        headers.put("x-amz-content-sha256", payloadSha256);
        headers.put("x-amz-date", amzDate);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        request.header("Authorization", authorization(method, path, headers, payloadSha256, amzDate));
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + endpoint, e);
        }
    }

    /** AWS Signature Version 4 over the method, path, signed headers and payload hash (no query string used). */
    String authorization(
            String method, String path, TreeMap<String, String> headers, String payloadSha256, String amzDate) {
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + region + "/s3/aws4_request";
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) ->
                canonicalHeaders.append(name).append(':').append(value.strip()).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalRequest =
                method + "\n" + path + "\n" + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadSha256;
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + HexFormat.of().formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    private static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        return out.toString();
    }

    /** RFC 3986 unreserved characters stay, everything else is percent-encoded (as Signature V4 wants). */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return endpoint + "/" + bucket;
    }
}
