package com.supportdesk.support.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.supportdesk.contract.wire.CloudEventCodec;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as {@code application/problem+json}; never a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response failure(Problem.Failure e) {
        return e.problem.response();
    }

    /** Quarkus has its own answer for these; ours names the field, as a problem document. */
    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            String field = CloudEventCodec.fieldPath(m);
            String reason = m.getOriginalMessage() == null ? "has the wrong type" : firstLine(m.getOriginalMessage());
            return Problem.invalid(field, reason).response();
        }
        return Problem.of(400, "malformed-json", "Malformed JSON", firstLine(e.getOriginalMessage()))
                .response();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        return Problem.of(status, slug, known == null ? "Error" : known.getReasonPhrase(), e.getMessage())
                .response();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (SecurityProblems.providerUnavailable(e)) {
            return SecurityProblems.unavailable();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return Problem.of(
                        500,
                        "internal",
                        "Internal error",
                        "Something went wrong on our side; quote incident " + incident)
                .response();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "cannot be read";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
