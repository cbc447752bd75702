package com.supportdesk.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Zipkin's own server (Maven Central's {@code io.zipkin:zipkin-server}, {@code exec} jar) as a process of its own, with
 * its in-memory storage: the tracing server the system tests read traces from, as the local stack's
 * {@code --observability} runs it. The services send their spans to {@link #spansUrl()}; {@link ZipkinTraces} reads
 * them back through Zipkin's query API, as its UI does.
 */
public final class ZipkinServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private ZipkinServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code jar} on 127.0.0.1:{@code port} with its output in {@code log}, and returns once it answers its
     * health check (a minute at most; Zipkin takes a few seconds).
     */
    public static ZipkinServer start(Path jar, int port, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1"); // a test's few spans: starting fast matters more than peak speed
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("QUERY_PORT", String.valueOf(port));
        pb.environment().put("STORAGE_TYPE", "mem");
        ZipkinServer server = new ZipkinServer(pb.start(), port);
        try {
            server.awaitHealthy(Duration.ofSeconds(60));
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitHealthy(Duration within) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(within);
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("Zipkin exited with " + process.exitValue() + " before it was healthy");
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("Zipkin did not become healthy within " + within);
            }
            Thread.sleep(250); // polling a process's start-up, not timing a behaviour
        }
    }

    /** The server's base address (its UI is under {@code /zipkin/}). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the services send their spans (Zipkin's JSON v2 intake). */
    public String spansUrl() {
        return url() + "/api/v2/spans";
    }

    public ZipkinTraces traces() {
        return new ZipkinTraces(url());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
