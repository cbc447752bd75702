package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.testinfra.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the system tests need to talk to services running as processes, and to start them. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Who the system tests act as, unless a test says otherwise: vendor staff with every role. */
    static final String STAFF = "Bearer " + TestTokens.allStaff();

    private Http() {}

    /** GET on localhost, expecting 200; returns the body. */
    static String get(int port, String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", STAFF)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The status of a GET on localhost (for polling another process). */
    static int status(int port, String path) throws Exception {
        return CLIENT.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", STAFF)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** POST of JSON on localhost, expecting 201; returns the body. */
    static String post(int port, String path, String json) throws Exception {
        HttpResponse<String> r = CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", STAFF)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }

    /** A string field of a JSON document (the first one with that name). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A policy directory with the test contract "seconds": response in 20 s on the 24/7 calendar, warning at half. */
    static Path secondsPolicy() throws IOException {
        Path policies = Files.createTempDirectory("sla-policies");
        Files.writeString(policies.resolve("seconds.json"), """
                {"id": "seconds", "name": "Test contract: seconds on the 24/7 calendar",
                 "objectivePercent": 90, "warningPercents": [50],
                 "targets": [{"calendar": "always-open", "response": "PT20S", "resolution": "PT1H"}]}
                """);
        return policies;
    }
}
