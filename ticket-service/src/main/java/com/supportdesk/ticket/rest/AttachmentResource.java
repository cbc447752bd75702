package com.supportdesk.ticket.rest;

import com.supportdesk.contract.model.Attachment;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Callers;
import com.supportdesk.support.security.Roles;
import com.supportdesk.ticket.attachment.AttachmentAudit;
import com.supportdesk.ticket.attachment.AttachmentStore;
import com.supportdesk.ticket.attachment.Clamd;
import com.supportdesk.ticket.attachment.ContentTypes;
import com.supportdesk.ticket.config.TicketSettings;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Uploads of files to attach to a ticket or a message (ADR 0017). The body is the file itself, streamed: its type
 * is read from its content, its size counted as it arrives, its bytes scanned by ClamAV before the 201. The answer's
 * id goes into the {@code attachments} of an opening or a message; events carry the metadata only.
 */
@Path("/api/attachments")
@Tag(name = "attachments")
@Produces(MediaType.APPLICATION_JSON)
public class AttachmentResource {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AttachmentResource.class);

    @Inject
    AttachmentStore store;

    @Inject
    AttachmentAudit audit;

    @Inject
    TicketSettings.Attachments settings;

    @Inject
    Callers callers;

    /** What an upload may be, for a page to show before anything is sent. */
    public record Limits(long maxBytes, int maxPerMessage, List<String> accepted, boolean scanned) {}

    @GET
    @Path("/limits")
    @Authenticated
    @Operation(summary = "The limits of an upload: size, files per message, accepted types, whether it is scanned")
    public Limits limits() {
        return new Limits(
                settings.maxBytes(),
                settings.maxPerMessage(),
                ContentTypes.ACCEPTED,
                settings.scan().enabled());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.CUSTOMER, Roles.CDSC, Roles.AGENT, Roles.ENGINEER})
    @Operation(
            summary = "Upload a file (raw body; its name in Content-Disposition: attachment; filename*=UTF-8''...)",
            description = "201 {id, fileName, mediaType, size, sha256}. 413 beyond the size limit, 415 for a type"
                    + " not accepted (found in the content), 422 when the malware scanner finds something, 503 with"
                    + " Retry-After while the scanner cannot be reached. Uploads no command references within a day"
                    + " are purged.")
    public Response upload(InputStream body, @HeaderParam("Content-Disposition") String disposition) {
        String fileName = fileName(disposition);
        try {
            Attachment stored = store.upload(body, fileName, callers.current().name());
            return Response.status(201).entity(stored).build();
        } catch (AttachmentStore.Refused e) {
            throw new Problem.Failure(Problem.of(e.status, e.code, title(e.status), e.getMessage())
                    .withCode(e.code));
        } catch (AttachmentStore.Infected e) {
            audit.infected(fileName, e.signature);
            throw new Problem.Failure(Problem.of(
                            422,
                            "malware-found",
                            "Malware found",
                            "The malware scanner found " + e.signature + " in " + fileName
                                    + "; the file was not stored.")
                    .withCode("malware-found"));
        } catch (Clamd.Unavailable e) {
            // fail closed: no file is accepted unscanned while scanning is on
            return retryLater(
                    "scanner-unavailable",
                    "Malware scanner unavailable",
                    "Files are scanned before they are accepted and the scanner does not answer; try again in a"
                            + " minute");
        } catch (AttachmentStore.StorageUnavailable e) {
            LOG.warn(e.getMessage());
            return retryLater(
                    "storage-unavailable",
                    "Attachment storage unavailable",
                    "The file could not be stored just now; try again in a minute");
        }
    }

    private static Response retryLater(String code, String title, String detail) {
        Response problem = Problem.of(503, code, title, detail).withCode(code).response();
        return Response.fromResponse(problem).header("Retry-After", "60").build();
    }

    private static String title(int status) {
        return switch (status) {
            case 413 -> "File too large";
            case 415 -> "File type not accepted";
            default -> "Invalid file";
        };
    }

    /**
     * The file's name from {@code Content-Disposition} ({@code filename*=UTF-8''...} first, then {@code filename}),
     * without any path, control characters or quotes, at most 255 characters.
     */
    static String fileName(String disposition) {
        if (disposition == null || disposition.isBlank()) {
            throw new Problem.Failure(Problem.invalid(
                    "Content-Disposition", "must name the file: attachment; filename*=UTF-8''name.png"));
        }
        String name = null;
        for (String part : disposition.split(";")) {
            String p = part.trim();
            String lower = p.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("filename*=")) {
                String value = p.substring("filename*=".length());
                int quote = value.indexOf("''");
                try {
                    name = URLDecoder.decode(
                            (quote >= 0 ? value.substring(quote + 2) : value).replace("+", "%2B"),
                            StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new Problem.Failure(Problem.invalid("Content-Disposition", "has a badly encoded filename*"));
                }
                break;
            }
            if (lower.startsWith("filename=") && name == null) {
                name = p.substring("filename=".length()).replace("\"", "");
            }
        }
        if (name != null) {
            name = name.replaceAll(".*[/\\\\]", "")
                    .replaceAll("[\\p{Cntrl}\"]", "")
                    .strip();
        }
        if (name == null || name.isEmpty()) {
            throw new Problem.Failure(Problem.invalid(
                    "Content-Disposition", "must name the file: attachment; filename*=UTF-8''name.png"));
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }
}
