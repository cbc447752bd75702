package com.supportdesk.ticket.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.contract.command.*;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Caller;
import com.supportdesk.support.security.Callers;
import com.supportdesk.ticket.command.Actor;
import com.supportdesk.ticket.command.CommandService;
import com.supportdesk.ticket.command.CommandService.Outcome;
import com.supportdesk.ticket.command.InvalidCommand;
import com.supportdesk.ticket.query.StoredEvent;
import com.supportdesk.ticket.query.TicketQueries;
import com.supportdesk.ticket.query.TicketView;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ticket lifecycle over REST (pinned paths). Every action answers the ticket as it is afterwards, with its
 * version as ETag; send {@code If-Match} with that version to refuse a change made in between (409). A client that
 * does not read the ticket from the answer sends {@code Prefer: return=minimal} (RFC 7240) and gets the version alone
 * (204, or 201 with {@code Location} for an opening), without the ticket folded and written as JSON for nothing.
 */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tickets")
@Authenticated
public class TicketResource {

    @Inject
    CommandService commands;

    @Inject
    TicketQueries queries;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Inject
    Callers callers;

    @POST
    @Operation(
            summary = "Open a ticket",
            description =
                    "Answers 201 with Location and the reference number. "
                            + "Send an Idempotency-Key header to make retries safe: the same key and body answer the same ticket.")
    @RequestBody(content = @Content(schema = @Schema(implementation = OpenTicket.class)))
    public Response open(JsonNode body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body instanceof ObjectNode o && o.hasNonNull("ticketId")) {
            throw new InvalidCommand("ticketId", "is chosen by the service; leave it out");
        }
        String ticketId = UUID.randomUUID().toString();
        OpenTicket command = CommandBodies.read(OpenTicket.class, "ticketId", ticketId, body);
        String commandId = null;
        if (idempotencyKey != null) {
            if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
                throw new InvalidCommand("Idempotency-Key", "must be 1 to 200 characters");
            }
            commandId = "rest:open:" + idempotencyKey;
        }
        Outcome outcome = commands.send(command, actor(), commandId, CommandBodies.hash(body), null);
        if (outcome.duplicate() && !outcome.sameRequest()) {
            return Problem.of(
                            422,
                            "idempotency-key-reused",
                            "Idempotency-Key reused",
                            "This Idempotency-Key was used for a different request")
                    .withCode("idempotency-key-reused")
                    .response();
        }
        Response.ResponseBuilder created = Response.created(uri.getBaseUriBuilder()
                        .path("api/tickets")
                        .path(outcome.targetId())
                        .build())
                .header("Idempotent-Replayed", outcome.duplicate());
        if (Prefer.minimal(headers)) {
            return Prefer.applied(created.tag(etag(version(outcome)))).build();
        }
        TicketView view = view(outcome.targetId(), outcome.version());
        return created.tag(etag(view.version())).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A ticket as it is now")
    public Response get(@PathParam("id") String id) {
        TicketView view = view(id);
        return Response.ok(view).tag(etag(view.version())).build();
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "The ticket's history: every event with its type, sequence number and time")
    public List<StoredEvent> events(@PathParam("id") String id) {
        view(id); // 404 unless it is a ticket
        List<StoredEvent> history = queries.history(id).orElseThrow(NotFoundException::new);
        if (callers.current().isVendor()) {
            return history;
        }
        return history.stream()
                .filter(e -> !INTERNAL_NOTE.equals(e.type()))
                .toList(); // the vendor's notes are not the customer's to read
    }

    private static final String INTERNAL_NOTE = com.supportdesk.contract.wire.Catalog.of(
                    com.supportdesk.contract.event.InternalNoteAdded.class)
            .type();

    @POST
    @Path("/{id}/internal-notes")
    @Operation(
            summary = "Add an internal note (agents and engineers)",
            description = "A note for the vendor's people only: never in the customer side's view of the ticket, its"
                    + " history, its e-mails, nor in webhooks that do not name support.ticket.internal-note-added.v1."
                    + " Allowed in every state. noteId is optional; send one to make a retry safe.")
    @RequestBody(
            content =
                    @Content(schema = @Schema(implementation = com.supportdesk.contract.command.AddInternalNote.class)))
    public Response internalNote(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        JsonNode withId = body;
        if (body instanceof ObjectNode o && !o.hasNonNull("noteId")) {
            withId = o.deepCopy().put("noteId", UUID.randomUUID().toString());
        }
        return act(com.supportdesk.contract.command.AddInternalNote.class, id, withId, ifMatch);
    }

    @Inject
    com.supportdesk.ticket.attachment.AttachmentStore attachments;

    @GET
    @Path("/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(
            summary = "Download a file attached to the ticket or one of its messages",
            description = "Streams it to whoever may read the ticket (404 to anyone else), as an attachment, with"
                    + " X-Content-Type-Options: nosniff, Content-Security-Policy: sandbox and its SHA-256 as ETag.")
    public Response attachment(
            @PathParam("id") String id,
            @PathParam("attachmentId") String attachmentId,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        com.supportdesk.contract.model.Attachment a = view(id).attachment(attachmentId)
                .orElseThrow(() -> new NotFoundException("No attachment " + attachmentId + " on ticket " + id));
        EntityTag tag = new EntityTag(a.sha256());
        if (ifNoneMatch != null && ifNoneMatch.replace("\"", "").trim().equals(a.sha256())) {
            return Response.notModified(tag).build();
        }
        jakarta.ws.rs.core.StreamingOutput body = out -> attachments.copy(a, out);
        return Response.ok(body, a.mediaType())
                .tag(tag)
                .header("Content-Length", a.size())
                .header(
                        "Content-Disposition",
                        "attachment; filename*=UTF-8''"
                                + java.net.URLEncoder.encode(a.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "private, no-cache")
                .build();
    }

    @POST
    @Path("/{id}/acknowledge")
    @Operation(summary = "Acknowledge (first response; stops the response clock)")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = AcknowledgeTicket.class)))
    public Response acknowledge(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(AcknowledgeTicket.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/reclassify")
    @Operation(summary = "Change the severity (service desk)")
    @RequestBody(content = @Content(schema = @Schema(implementation = ReclassifySeverity.class)))
    public Response reclassify(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(ReclassifySeverity.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/severity-review")
    @Operation(summary = "Ask for a severity review (customer)")
    @RequestBody(content = @Content(schema = @Schema(implementation = RequestSeverityReview.class)))
    public Response severityReview(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(RequestSeverityReview.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/messages")
    @Operation(
            summary = "Add a message (until the ticket is resolved)",
            description = "messageId is optional; send one to make a retry safe.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AddMessage.class)))
    public Response message(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        JsonNode withId = body;
        if (body instanceof ObjectNode o && !o.hasNonNull("messageId")) {
            withId = o.deepCopy().put("messageId", UUID.randomUUID().toString());
        }
        return act(AddMessage.class, id, withId, ifMatch);
    }

    @POST
    @Path("/{id}/priority-request")
    @Operation(summary = "Request priority handling (designated contacts)")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = RequestPriorityHandling.class)))
    public Response priorityRequest(
            @PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(RequestPriorityHandling.class, id, body, ifMatch);
    }

    @Inject
    com.supportdesk.ticket.workspace.Presence presence;

    /** Who else has the ticket open in the agent workspace, and the ticket's version now. */
    public record PresenceAnswer(long version, List<com.supportdesk.ticket.workspace.Presence.Present> present) {}

    @jakarta.ws.rs.PUT
    @Path("/{id}/presence")
    @jakarta.annotation.security.RolesAllowed({
        com.supportdesk.support.security.Roles.AGENT,
        com.supportdesk.support.security.Roles.ENGINEER,
        com.supportdesk.support.security.Roles.SAM,
        com.supportdesk.support.security.Roles.OPS,
        com.supportdesk.support.security.Roles.ADMIN
    })
    @Operation(
            summary = "Report that you have the ticket open (vendor staff), about once a second while you do",
            description = "Body {typing: true|false}; without typing, whether a reply is being typed stays as last"
                    + " reported. Answers the ticket's version now and everyone else"
                    + " who reported within the last 5 s, with whether they are typing a reply.")
    public PresenceAnswer present(@PathParam("id") String id, JsonNode body) {
        TicketView view = view(id);
        Boolean typing =
                body != null && body.hasNonNull("typing") ? body.get("typing").asBoolean() : null;
        return new PresenceAnswer(
                view.version(), presence.report(id, callers.current().name(), typing));
    }

    @jakarta.ws.rs.DELETE
    @Path("/{id}/presence")
    @jakarta.annotation.security.RolesAllowed({
        com.supportdesk.support.security.Roles.AGENT,
        com.supportdesk.support.security.Roles.ENGINEER,
        com.supportdesk.support.security.Roles.SAM,
        com.supportdesk.support.security.Roles.OPS,
        com.supportdesk.support.security.Roles.ADMIN
    })
    @Operation(summary = "You left the ticket's page")
    public Response leave(@PathParam("id") String id) {
        view(id);
        presence.leave(id, callers.current().name());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/priority-grant")
    @Operation(
            summary = "Grant priority handling (agents; escalation-service grants by its rules)",
            description = "reason optional")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = GrantPriorityHandling.class)))
    public Response priorityGrant(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(GrantPriorityHandling.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/priority-refuse")
    @Operation(summary = "Refuse priority handling, with the reason (agents)")
    @RequestBody(content = @Content(schema = @Schema(implementation = RefusePriorityHandling.class)))
    public Response priorityRefuse(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(RefusePriorityHandling.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/transfer")
    @Operation(summary = "Transfer between the service desk (L1), L2 and L3")
    @RequestBody(content = @Content(schema = @Schema(implementation = TransferTicket.class)))
    public Response transfer(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(TransferTicket.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/escalate")
    @Operation(summary = "Escalate to an escalation point")
    @RequestBody(content = @Content(schema = @Schema(implementation = EscalateTicket.class)))
    public Response escalate(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(EscalateTicket.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/hold")
    @Operation(summary = "Wait on the customer (SLA clocks pause)")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = PutTicketOnHold.class)))
    public Response hold(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(PutTicketOnHold.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume work after waiting on the customer")
    public Response resume(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(ResumeTicket.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/scope")
    @Operation(
            summary =
                    "Flag the ticket as outside the contract's standard scope (non-standard, billable on request), or lift the flag")
    @RequestBody(content = @Content(schema = @Schema(implementation = FlagScope.class)))
    public Response scope(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(FlagScope.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/resolve")
    @Operation(summary = "Resolve")
    @RequestBody(content = @Content(schema = @Schema(implementation = ResolveTicket.class)))
    public Response resolve(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(ResolveTicket.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/confirm")
    @Operation(summary = "Confirm the resolution (customer): the ticket closes")
    public Response confirm(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(ConfirmResolution.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject the resolution (customer): back in progress")
    @RequestBody(content = @Content(schema = @Schema(implementation = RejectResolution.class)))
    public Response reject(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(RejectResolution.class, id, body, ifMatch);
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close a resolved ticket")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = CloseTicket.class)))
    public Response close(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        return act(CloseTicket.class, id, body, ifMatch);
    }

    private <T extends TicketCommand> Response act(Class<T> type, String id, JsonNode body, String ifMatch) {
        T command = CommandBodies.read(type, "ticketId", id, body);
        Outcome outcome = commands.send(command, actor(), null, null, expectedVersion(ifMatch));
        if (Prefer.minimal(headers)) {
            // the command's own checks decided who may act on the ticket; the answer says nothing more than it did
            return Prefer.applied(Response.noContent().tag(etag(version(outcome))))
                    .build();
        }
        TicketView view = view(id, outcome.version());
        return Response.ok(view).tag(etag(view.version())).build();
    }

    /** Another account's ticket is "not found" to a customer, a designated contact or a partner. */
    private TicketView view(String id) {
        return view(id, -1);
    }

    /** The ticket as a command that appended up to {@code version} left it (-1: as the store has it now). */
    private TicketView view(String id, long version) {
        Caller caller = callers.current();
        TicketView view = queries.ticketAt(id, version)
                .filter(t -> caller.maySee(t.accountId()))
                .orElseThrow(() -> new NotFoundException("No ticket " + id));
        return caller.isVendor() ? view : view.withoutInternalNotes();
    }

    /** The ticket's version after the command (a replayed opening's is the ticket's version now). */
    private long version(Outcome outcome) {
        return outcome.version() >= 0
                ? outcome.version()
                : view(outcome.targetId()).version();
    }

    private static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        try {
            return Long.valueOf(ifMatch.replace("\"", "").replace("W/", "").trim());
        } catch (NumberFormatException e) {
            throw new InvalidCommand("If-Match", "must be the ETag (version) of the ticket");
        }
    }

    /** The caller, as the bearer token says; {@link com.supportdesk.ticket.command.Permissions} judges it. */
    private Actor actor() {
        return Actor.of(callers.current());
    }
}
