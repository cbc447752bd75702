package com.supportdesk.ticket.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Callers;
import com.supportdesk.support.security.Roles;
import com.supportdesk.ticket.workspace.CannedReplies;
import com.supportdesk.ticket.workspace.CannedReplies.CannedReply;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Canned replies: reply templates the agent workspace offers, one text per support language, with placeholders it
 * fills in ({@link #PLACEHOLDERS}). Administrators manage them; the service desk reads them.
 */
@Path("/api/canned-replies")
@Tag(name = "canned replies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CannedReplyResource {
    /** What a text may contain in braces; the workspace replaces each when the reply is inserted. */
    public static final Set<String> PLACEHOLDERS = Set.of("customerName", "reference", "nextDeadline", "agentName");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    @Inject
    CannedReplies replies;

    @Inject
    Callers callers;

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "Every canned reply, by title (the service desk and administrators)")
    public List<CannedReply> all() {
        return replies.all();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.ENGINEER, Roles.ADMIN})
    @Operation(summary = "One canned reply; ETag = its version")
    public Response one(@PathParam("id") String id) {
        CannedReply r =
                replies.find(id).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No canned reply " + id));
        return Response.ok(r).tag(new EntityTag(Integer.toString(r.version()))).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create or replace a canned reply (administrators)",
            description = "Body {title, bodies: {EN: text, FR: text, ...}}: English is required, the other support"
                    + " languages optional. Placeholders: {customerName}, {reference}, {nextDeadline}, {agentName}."
                    + " If-Match: \\\"<version>\\\" applies it only to that version (412 otherwise).")
    public Response put(@PathParam("id") String id, JsonNode body, @HeaderParam("If-Match") String ifMatch) {
        if (!ID.matcher(id).matches()) {
            throw invalid("id", "must be lower-case letters, digits and dashes, at most 64 (e.g. need-logs)");
        }
        if (body == null || !body.isObject()) {
            throw invalid("title", "is required");
        }
        String title = body.path("title").asText("").strip();
        if (title.isEmpty() || title.length() > 120) {
            throw invalid("title", "is required, at most 120 characters");
        }
        JsonNode texts = body.path("bodies");
        if (!texts.isObject() || !texts.hasNonNull("EN")) {
            throw invalid("bodies.EN", "is required: the English text every other language falls back to");
        }
        Map<String, String> bodies = new LinkedHashMap<>();
        for (var it = texts.fields(); it.hasNext(); ) {
            var f = it.next();
            String field = "bodies." + f.getKey();
            SupportLanguage language;
            try {
                language = SupportLanguage.valueOf(f.getKey());
            } catch (IllegalArgumentException e) {
                throw invalid(field, "is not a support language (EN, FR, DE, ES, PT, ZH)");
            }
            String text = f.getValue().asText("").strip();
            if (text.isEmpty() || text.length() > 5000) {
                throw invalid(field, "must be a text of 1 to 5000 characters");
            }
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw invalid(
                            field,
                            "has the unknown placeholder {" + m.group(1)
                                    + "}; known are {customerName}, {reference}, {nextDeadline}, {agentName}");
                }
            }
            bodies.put(language.name(), text);
        }
        Integer expected = null;
        if (ifMatch != null) {
            try {
                expected = Integer.valueOf(
                        ifMatch.replace("W/", "").replace("\"", "").trim());
            } catch (NumberFormatException e) {
                throw invalid("If-Match", "must be the ETag (version) of the canned reply");
            }
        }
        var stored = replies.put(id, title, bodies, expected, callers.current().name());
        if (stored.isEmpty()) {
            throw new Problem.Failure(Problem.of(
                            412,
                            "concurrent-change",
                            "Changed meanwhile",
                            "Canned reply " + id + " was changed since version " + expected + "; read it again")
                    .withCode("concurrent-change"));
        }
        CannedReply r = stored.get().getKey();
        return Response.status(stored.get().getValue() ? 201 : 200)
                .entity(r)
                .tag(new EntityTag(Integer.toString(r.version())))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a canned reply (administrators)")
    public Response delete(@PathParam("id") String id) {
        if (!replies.delete(id)) {
            throw new jakarta.ws.rs.NotFoundException("No canned reply " + id);
        }
        return Response.noContent().build();
    }

    private static Problem.Failure invalid(String field, String reason) {
        return new Problem.Failure(Problem.invalid(field, reason));
    }
}
