package com.supportdesk.ticket.rest;

import com.supportdesk.support.rest.Problem;
import com.supportdesk.ticket.command.InvalidCommand;
import com.supportdesk.ticket.command.Permissions;
import com.supportdesk.ticket.command.RuleViolation;
import jakarta.ws.rs.core.Response;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * ticket-service's own refusals, as problem documents; everything else (malformed JSON, HTTP errors, the unexpected)
 * is answered by service-support's {@code ProblemMappers}, the one set every service shares.
 */
public class TicketProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidCommand e) {
        return Problem.invalid(e.violations()).response();
    }

    @ServerExceptionMapper
    public Response rule(RuleViolation e) {
        return Problem.of(409, "illegal-transition", "Not allowed in the current state", e.getMessage())
                .withCode(e.code())
                .response();
    }

    @ServerExceptionMapper
    public Response notFound(AggregateNotFoundException e) {
        return Problem.of(404, "not-found", "Not found", "No such ticket: " + e.getAggregateIdentifier())
                .response();
    }

    /** Another account's ticket, to a caller bound to one account: as if there were none. */
    @ServerExceptionMapper
    public Response notVisible(Permissions.NotVisible e) {
        return Problem.of(404, "not-found", "Not found", e.getMessage()).response();
    }

    /** The id exists but its history belongs to another kind of aggregate (an outage, an account): not a ticket. */
    @ServerExceptionMapper
    public Response otherKind(IncompatibleAggregateException e) {
        return Problem.of(404, "not-found", "Not found", "No ticket, outage or account of that kind")
                .response();
    }

    @ServerExceptionMapper
    public Response exists(AggregateStreamCreationException e) {
        return Problem.of(409, "already-exists", "Already exists", "Something with this id already exists")
                .withCode("already-exists")
                .response();
    }

    @ServerExceptionMapper({ConcurrencyException.class, ConflictingModificationException.class})
    public Response conflict(RuntimeException e) {
        return Problem.of(
                        409,
                        "concurrent-change",
                        "Changed concurrently",
                        "The ticket changed since you read it; read it again and retry")
                .withCode("concurrent-change")
                .response();
    }
}
