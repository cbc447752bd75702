package com.supportdesk.portal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * One call to the platform's API and what it answered: the status, the JSON body and the ETag. A problem document
 * ({@code application/problem+json}) becomes an {@link ApiProblem} carrying its detail and the field it names, so a
 * page can show the service's own words next to that field; a service that cannot be reached is a 503 problem.
 */
public record Api(int status, JsonNode body, String etag) {

    public static Api call(Supplier<Response> request) {
        Response answered;
        try {
            answered = request.get();
        } catch (WebApplicationException e) {
            answered = e.getResponse();
        } catch (ProcessingException e) {
            throw new ApiProblem(503, null, null);
        }
        try (Response response = answered) {
            // a command asked for with Prefer: return=minimal answers 204 without a body (the client still says it
            // has an entity: an empty one, of no media type, which no reader maps)
            JsonNode body = response.getStatus() != 204 && response.getMediaType() != null && response.hasEntity()
                    ? response.readEntity(JsonNode.class)
                    : MissingNode.getInstance();
            String etag = response.getHeaderString("ETag");
            if (response.getStatus() >= 400) {
                String field = body.path("violations").path(0).path("field").asText(null);
                throw new ApiProblem(
                        response.getStatus(),
                        field,
                        body.path("detail").asText(null),
                        body.path("code").asText(null));
            }
            return new Api(response.getStatus(), body, etag);
        }
    }

    /** The version an ETag names ({@code "7"} or {@code W/"7"}), for the next command's If-Match. */
    public String version() {
        return etag == null ? null : etag.replace("W/", "").replace("\"", "");
    }
}
