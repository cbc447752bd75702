package com.supportdesk.ticket.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.contract.wire.Violation;
import com.supportdesk.ticket.command.InvalidCommand;
import com.supportdesk.ticket.command.Permissions;
import com.supportdesk.ticket.command.RuleViolation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;

/** Every error leaves as {@code application/problem+json}; nothing of a stack trace reaches a client. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidCommand e) {
        Violation first = e.violations().get(0);
        return respond(Problem.of(400, "invalid-input", "Invalid input",
                first.field() + " " + first.reason()).withViolations(e.violations()));
    }

    @ServerExceptionMapper
    public Response rule(RuleViolation e) {
        return respond(Problem.of(409, "illegal-transition", "Not allowed in the current state", e.getMessage())
                .withCode(e.code()));
    }

    @ServerExceptionMapper
    public Response notFound(AggregateNotFoundException e) {
        return respond(Problem.of(404, "not-found", "Not found", "No such ticket: " + e.getAggregateIdentifier()));
    }

    /** Another account's ticket, to a caller bound to one account: as if there were none. */
    @ServerExceptionMapper
    public Response notVisible(Permissions.NotVisible e) {
        return respond(Problem.of(404, "not-found", "Not found", e.getMessage()));
    }

    /** The id exists but its history belongs to another kind of aggregate (an outage, an account): not a ticket. */
    @ServerExceptionMapper
    public Response otherKind(IncompatibleAggregateException e) {
        return respond(Problem.of(404, "not-found", "Not found", "No ticket, outage or account of that kind"));
    }

    @ServerExceptionMapper
    public Response exists(AggregateStreamCreationException e) {
        return respond(Problem.of(409, "already-exists", "Already exists",
                "Something with this id already exists").withCode("already-exists"));
    }

    @ServerExceptionMapper({ConcurrencyException.class, ConflictingModificationException.class})
    public Response conflict(RuntimeException e) {
        return respond(Problem.of(409, "concurrent-change", "Changed concurrently",
                "The ticket changed since you read it; read it again and retry").withCode("concurrent-change"));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            String field = CloudEventCodec.fieldPath(m);
            String reason = m.getOriginalMessage() == null ? "has the wrong type" : firstLine(m.getOriginalMessage());
            return respond(Problem.of(400, "invalid-input", "Invalid input", field + " " + reason)
                    .withViolations(List.of(new Violation(field, reason))));
        }
        return respond(Problem.of(400, "malformed-json", "Malformed JSON", firstLine(e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j);
        }
        int status = e.getResponse().getStatus();
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        return respond(Problem.of(status, slug, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage()));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return respond(Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side; quote incident " + incident));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "cannot be read";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
