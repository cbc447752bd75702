package com.supportdesk.testinfra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real server that speaks the S3 API as its own process: s3proxy (from Maven Central, its runnable jar; the path
 * comes in the system property {@code s3proxy.jar}) on a filesystem backend in a temporary directory, checking
 * Signature V4 with a fixed identity. One per test JVM, started on first use, stopped when the JVM ends.
 */
public final class S3Server {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    private static S3Server shared;

    private final int port;
    private final Path data;
    private final Path log;
    private Process process;

    private S3Server() {
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
            this.data = Files.createTempDirectory("s3proxy");
            this.log = Files.createTempFile("s3proxy", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized S3Server shared() {
        if (shared == null) {
            S3Server server = new S3Server();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            shared = server;
        }
        return shared;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Whether the bucket holds the object (the filesystem backend keeps one file per object, by its key). */
    public boolean holds(String bucket, String key) {
        return Files.isRegularFile(data.resolve(bucket).resolve(key));
    }

    /** Starts the process (again, after {@link #stop()}) on the same port and data, and waits until it answers. */
    public synchronized void start() {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("s3proxy jar not found (system property s3proxy.jar = " + jar
                    + "); the parent pom sets it, and test-infra's pom makes Maven download it");
        }
        try {
            Path properties = Files.createTempFile("s3proxy", ".properties");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=" + endpoint(),
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=filesystem",
                            "jclouds.filesystem.basedir=" + data,
                            ""));
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx128m", "-jar", jar, "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start s3proxy", e);
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited; see " + log);
            }
            try {
                // any HTTP answer (an anonymous request is a 403) means it listens
                http.send(HttpRequest.newBuilder(endpoint()).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("s3proxy not ready within 60 s; see " + log);
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100); // polling a starting process, not timing a test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
