package com.supportdesk.portal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Files to and from ticket-service's attachments API, streamed both ways: an upload is sent from the temporary file
 * the browser's post was written to, a download is passed on to the browser as it arrives. Neither is ever whole in
 * the portal's memory (the JDK's client streams files and bodies; the REST client would buffer them). The person's
 * own token goes with every call, as with {@link TicketsApi}.
 */
@ApplicationScoped
public class Files {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @ConfigProperty(name = "quarkus.rest-client.tickets.url")
    String tickets;

    @Inject
    SecurityIdentity identity;

    /** Uploads a file: its metadata ({@code id, fileName, mediaType, size, sha256}), or the API's refusal. */
    public JsonNode upload(Path file, String fileName) {
        HttpRequest request;
        try {
            request = authorized(URI.create(tickets + "/api/attachments"))
                    .header("Content-Type", "application/octet-stream")
                    .header(
                            "Content-Disposition",
                            "attachment; filename*=UTF-8''"
                                    + URLEncoder.encode(fileName, StandardCharsets.UTF_8)
                                            .replace("+", "%20"))
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofFile(file))
                    .build();
        } catch (java.io.FileNotFoundException e) {
            throw new ApiProblem(400, "files", "The file " + fileName + " could not be read");
        }
        try {
            HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            JsonNode body;
            try (InputStream in = r.body()) {
                byte[] bytes = in.readAllBytes(); // a small JSON document
                body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            }
            if (r.statusCode() >= 400) {
                throw new ApiProblem(
                        r.statusCode(), "files", body.path("detail").asText(null));
            }
            return body;
        } catch (IOException e) {
            throw new ApiProblem(503, "files", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "files", null);
        }
    }

    /** A ticket's attachment as the API streams it (the caller closes the body). */
    public HttpResponse<InputStream> download(String ticketId, String attachmentId) {
        try {
            return HTTP.send(
                    authorized(URI.create(tickets + "/api/tickets/" + encode(ticketId) + "/attachments/"
                                    + encode(attachmentId)))
                            .timeout(Duration.ofMinutes(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiProblem(503, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, null, null);
        }
    }

    /**
     * A file of the ticket, passed on from the API as it arrives (never whole in memory), with the API's own guards:
     * a download, not a page ({@code Content-Disposition: attachment}), its type not sniffed, sandboxed. A file the
     * person may not read is "not found".
     */
    public jakarta.ws.rs.core.Response passOn(String ticketId, String attachmentId) {
        HttpResponse<InputStream> file = download(ticketId, attachmentId);
        if (file.statusCode() != 200) {
            try {
                file.body().close();
            } catch (IOException ignored) {
                // nothing to read
            }
            throw new ApiProblem(file.statusCode() == 404 || file.statusCode() == 403 ? 404 : 503, null, null);
        }
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            try (InputStream in = file.body()) {
                in.transferTo(out);
            }
        };
        jakarta.ws.rs.core.Response.ResponseBuilder answer = jakarta.ws.rs.core.Response.ok(body)
                .type(file.headers().firstValue("Content-Type").orElse("application/octet-stream"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "private, no-cache");
        for (String h : java.util.List.of("Content-Disposition", "Content-Length", "ETag")) {
            file.headers().firstValue(h).ifPresent(v -> answer.header(h, v));
        }
        return answer.build();
    }

    private HttpRequest.Builder authorized(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null) {
            b.header("Authorization", "Bearer " + token.getToken());
        }
        return b;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
