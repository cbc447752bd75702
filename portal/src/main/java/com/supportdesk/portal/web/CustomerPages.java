package com.supportdesk.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.portal.api.Api;
import com.supportdesk.portal.api.ApiProblem;
import com.supportdesk.portal.api.Files;
import com.supportdesk.portal.api.ReportsApi;
import com.supportdesk.portal.api.TicketsApi;
import com.supportdesk.portal.web.Views.Choice;
import com.supportdesk.portal.web.Views.Elsewhere;
import com.supportdesk.portal.web.Views.NewTicketForm;
import com.supportdesk.portal.web.Views.Row;
import com.supportdesk.portal.web.Views.TicketList;
import com.supportdesk.portal.web.Views.TicketPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The customer space: a customer's or designated contact's tickets, a new ticket, one ticket with its conversation.
 * Every read and every command goes through the platform's public API with the person's own token, so the services
 * decide who sees and may do what; this class only renders and redirects (post, then redirect: a reload never sends a
 * form twice).
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class CustomerPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 25;
    private static final List<String> URGENCIES = List.of("NONE", "LOW", "SERIOUS", "CRITICAL");

    /** The list's filters: their statuses in the read model, in the order they are offered. */
    static final Map<String, String> FILTERS = new LinkedHashMap<>();

    static {
        FILTERS.put("open", "OPEN,ACKNOWLEDGED");
        FILTERS.put("waiting", "ON_HOLD,RESOLVED");
        FILTERS.put("resolved", "RESOLVED");
        FILTERS.put("closed", "CLOSED");
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Chrome chrome, TicketList list);

        static native TemplateInstance list$rows(Chrome chrome, TicketList list);

        static native TemplateInstance create(Chrome chrome, NewTicketForm form);

        static native TemplateInstance opened(Chrome chrome, String id, String reference);

        static native TemplateInstance ticket(Chrome chrome, TicketPage t);

        static native TemplateInstance ticket$live(Chrome chrome, TicketPage t);

        static native TemplateInstance notice(Chrome chrome, String heading, String text, boolean toList);
    }

    @Inject
    Visit visit;

    @Inject
    @RestClient
    TicketsApi tickets;

    @Inject
    @RestClient
    ReportsApi reports;

    @Inject
    Files files;

    /** The API's upload limits, asked once in a while (they change with a redeploy only). */
    record Limits(int maxPerMessage, long maxBytes, long at) {
        long maxMegabytes() {
            return maxBytes / (1024 * 1024);
        }
    }

    private static volatile Limits limits;

    Limits limits() {
        Limits known = limits;
        if (known == null || System.currentTimeMillis() - known.at() > 300_000) {
            try {
                JsonNode l = Api.call(() -> tickets.attachmentLimits()).body();
                known = new Limits(
                        l.path("maxPerMessage").asInt(10),
                        l.path("maxBytes").asLong(26214400),
                        System.currentTimeMillis());
                limits = known;
            } catch (ApiProblem e) {
                known = known != null ? known : new Limits(10, 26214400, 0);
            }
        }
        return known;
    }

    String filesHint() {
        Limits l = limits();
        return msg().files_limits(l.maxPerMessage(), l.maxMegabytes());
    }

    /**
     * Sends the files the browser posted (written to temporary files, never held in memory) to the attachments API,
     * and answers their ids. An empty file field sends nothing.
     */
    List<String> upload(List<FileUpload> posted) {
        List<FileUpload> chosen = posted == null
                ? List.of()
                : posted.stream()
                        .filter(f -> f.fileName() != null && !f.fileName().isBlank() && f.size() > 0)
                        .toList();
        Limits l = limits();
        if (chosen.size() > l.maxPerMessage()) {
            throw new ApiProblem(400, "files", msg().files_too_many(l.maxPerMessage()));
        }
        for (FileUpload f : chosen) {
            if (f.size() > l.maxBytes()) {
                // refused before anything is sent: the person learns the limit at once
                throw new ApiProblem(413, "files", msg().file_too_large(f.fileName(), l.maxMegabytes()));
            }
        }
        List<String> ids = new ArrayList<>();
        for (FileUpload f : chosen) {
            ids.add(files.upload(f.uploadedFile(), f.fileName()).path("id").asText());
        }
        return ids;
    }

    Views.FileLink link(String ticketId, JsonNode a) {
        long kb = Math.max(1, (a.path("size").asLong() + 1023) / 1024);
        return new Views.FileLink(
                "/tickets/" + ticketId + "/attachments/" + a.path("id").asText(),
                a.path("fileName").asText(),
                msg().file_size_kb(kb));
    }

    Msg msg() {
        return MessageBundles.get(Msg.class, Localized.Literal.of(visit.locale().toLanguageTag()));
    }

    TemplateInstance localized(TemplateInstance page) {
        return page.setLocale(visit.locale());
    }

    /** Staff and partners have no customer space: a page that says where to go instead. */
    Response notForThisRole() {
        Msg m = msg();
        return Response.status(403)
                .entity(localized(Templates.notice(
                        Chrome.of(visit, "none"), m.not_customer_title(), m.not_customer_text(), false)))
                .build();
    }

    // ---- My tickets ----

    @GET
    public Response list(
            @QueryParam("filter") String filter,
            @QueryParam("scope") String scope,
            @QueryParam("cursor") String cursor,
            @QueryParam("seen") String seen,
            @QueryParam("q") String q,
            @HeaderParam("HX-Request") String htmx) {
        Person person = visit.person();
        if (!person.isCustomerSide()) {
            return notForThisRole();
        }
        String chosen = FILTERS.containsKey(filter) ? filter : "open";
        boolean account = "account".equals(scope) && person.isContact();
        String openedBy = account ? null : person.userId();
        // a search looks through every state, best match first (the API's limit on its length is kept here)
        String query = q == null || q.isBlank()
                ? null
                : q.strip().substring(0, Math.min(200, q.strip().length()));
        JsonNode page = Api.call(() -> query == null
                        ? reports.tickets(person.accountId(), openedBy, FILTERS.get(chosen), PAGE_SIZE, cursor)
                        : reports.search(query, person.accountId(), openedBy, null, PAGE_SIZE, cursor))
                .body();
        Msg m = msg();
        List<Row> rows = new ArrayList<>();
        for (JsonNode t : page.path("items")) {
            rows.add(new Row(
                    t.path("ticketId").asText(),
                    t.path("reference").asText(),
                    t.path("title").asText(),
                    kindLabel(m, t.path("kind").asText()),
                    stateLabel(m, t.path("status").asText()),
                    visit.when(t.path("updatedAt").asText(null), FormatStyle.MEDIUM)));
        }
        String base =
                "/?filter=" + chosen + (account ? "&scope=account" : "") + (query == null ? "" : "&q=" + encode(query));
        String fingerprint =
                Integer.toHexString(Objects.hash(rows, page.path("next").asText(null)));
        if (htmx != null && fingerprint.equals(seen)) {
            return Response.noContent().build(); // nothing changed since the page was drawn
        }
        String emptyText = null;
        List<Elsewhere> elsewhere = new ArrayList<>();
        if (rows.isEmpty() && cursor == null && query != null) {
            emptyText = m.search_none(query); // "Clear the search" is beside the search box
        } else if (rows.isEmpty() && cursor == null) {
            JsonNode counts = Api.call(() -> reports.counts(person.accountId(), openedBy))
                    .body()
                    .path("byStatus");
            long all = 0;
            for (JsonNode n : counts) {
                all += n.asLong();
            }
            emptyText = all == 0 ? m.empty_none() : emptyText(m, chosen);
            for (var f : FILTERS.entrySet()) {
                long n = 0;
                for (String s : f.getValue().split(",")) {
                    n += counts.path(s).asLong();
                }
                if (n > 0 && !f.getKey().equals(chosen)) {
                    String href = "/?filter=" + f.getKey() + (account ? "&scope=account" : "");
                    elsewhere.add(new Elsewhere(m.empty_elsewhere(n, filterLabel(m, f.getKey())), href));
                }
            }
        }
        List<Choice> filters = new ArrayList<>();
        for (String f : FILTERS.keySet()) {
            filters.add(new Choice(
                    filterLabel(m, f), "/?filter=" + f + (account ? "&scope=account" : ""), f.equals(chosen)));
        }
        List<Choice> scopes = person.isContact()
                ? List.of(
                        new Choice(m.scope_mine(), "/?filter=" + chosen, !account),
                        new Choice(m.scope_account(), "/?filter=" + chosen + "&scope=account", account))
                : List.of();
        String next = page.path("next").asText(null);
        TicketList list = new TicketList(
                account ? m.list_title_account() : m.nav_my_tickets(),
                query == null ? m.list_caption(filterLabel(m, chosen)) : m.search_caption(query),
                filters,
                scopes,
                rows,
                emptyText,
                elsewhere,
                next == null ? null : base + "&cursor=" + encode(next),
                cursor == null ? null : base,
                base + (cursor == null ? "" : "&cursor=" + encode(cursor)) + "&seen=" + fingerprint,
                query,
                account ? "account" : null);
        Chrome chrome = Chrome.of(visit, "list");
        return Response.ok(localized(htmx != null ? Templates.list$rows(chrome, list) : Templates.list(chrome, list)))
                .build();
    }

    /**
     * The label whose key is computed ({@code filter_waiting}, {@code state_RESOLVED}, ...), or the fallback's when
     * {@link Msg} has no such key (a value the API added since). {@code MessageBundlesTest} keeps every key in every
     * language.
     */
    static String label(Msg m, String key, String fallback) {
        try {
            return (String) Msg.class.getMethod(key).invoke(m);
        } catch (NoSuchMethodException e) {
            return key.equals(fallback) ? key : label(m, fallback, fallback);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String emptyText(Msg m, String filter) {
        return label(m, "empty_" + filter, "empty_open");
    }

    static String filterLabel(Msg m, String filter) {
        return label(m, "filter_" + filter, "filter_open");
    }

    static String kindLabel(Msg m, String kind) {
        return label(m, "kind_" + kind, "kind_INCIDENT");
    }

    static String stateLabel(Msg m, String status) {
        return label(m, ServiceLevel.stateKey(status), "state_OPEN");
    }

    static String urgencyLabel(Msg m, String urgency) {
        return urgency == null ? m.not_given() : label(m, "urgency_" + urgency, "not_given");
    }

    // ---- New ticket ----

    @GET
    @Path("/tickets/new")
    public Response newTicket(@QueryParam("kind") String kind, @QueryParam("followUpOf") String followUpOf) {
        if (!visit.person().isCustomerSide()) {
            return notForThisRole();
        }
        String related = followUpOf == null || followUpOf.isBlank() ? null : followUpOf;
        return form(
                "SERVICE_REQUEST".equals(kind) ? "SERVICE_REQUEST" : "INCIDENT",
                null,
                "",
                "",
                "NONE",
                related,
                UUID.randomUUID().toString(),
                null,
                null,
                200);
    }

    Response form(
            String kind,
            String application,
            String title,
            String description,
            String urgency,
            String followUpOf,
            String idempotencyKey,
            String errorField,
            String errorText,
            int status) {
        String followUpReference = null;
        String related = followUpOf;
        if (related != null) {
            try {
                followUpReference = Api.call(() -> tickets.ticket(related))
                        .body()
                        .path("reference")
                        .asText();
            } catch (ApiProblem e) {
                if (e.status() != 404) {
                    throw e;
                }
                followUpOf = null; // not a ticket this person may see: no follow-up
            }
        }
        NewTicketForm form = new NewTicketForm(
                kind,
                application,
                visit.applications(),
                title,
                description,
                urgency,
                URGENCIES,
                followUpOf,
                followUpReference,
                idempotencyKey,
                filesHint(),
                errorField,
                errorText);
        return Response.status(status)
                .entity(localized(Templates.create(Chrome.of(visit, "new"), form)))
                .build();
    }

    @POST
    @Path("/tickets")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response open(
            @RestForm("csrf") String csrf,
            @RestForm("kind") String kind,
            @RestForm("application") String application,
            @RestForm("title") String title,
            @RestForm("description") String description,
            @RestForm("urgency") String urgency,
            @RestForm("followUpOf") String followUpOf,
            @RestForm("idempotencyKey") String idempotencyKey,
            @RestForm("files") List<FileUpload> attached) {
        Person person = visit.person();
        if (!person.isCustomerSide()) {
            return notForThisRole();
        }
        String chosenKind = "SERVICE_REQUEST".equals(kind) ? "SERVICE_REQUEST" : "INCIDENT";
        String related = followUpOf == null || followUpOf.isBlank() ? null : followUpOf;
        String key = idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString()
                : idempotencyKey;
        String chosenUrgency = urgency != null && URGENCIES.contains(urgency) ? urgency : "NONE";
        if (!visit.csrfValid(csrf)) {
            return form(
                    chosenKind,
                    application,
                    title,
                    description,
                    chosenUrgency,
                    related,
                    key,
                    null,
                    msg().error_session(),
                    403);
        }
        ObjectNode body = JSON.createObjectNode()
                .put("accountId", person.accountId())
                .put("kind", chosenKind)
                .put("severity", proposedSeverity(chosenKind, chosenUrgency))
                .put("title", title == null ? "" : title.strip())
                .put("description", description == null ? "" : description.strip());
        if ("INCIDENT".equals(chosenKind)) {
            body.put("urgency", chosenUrgency);
        }
        if (application != null && !application.isBlank()) {
            body.put("application", application);
        }
        if (related != null) {
            body.put("relatedTicketId", related);
        }
        try {
            if (!body.path("title").asText().isEmpty()
                    && !body.path("description").asText().isEmpty()) {
                // the files go up only with a form the API can accept (else they would wait a day to be purged)
                List<String> ids = upload(attached);
                if (!ids.isEmpty()) {
                    ids.forEach(body.putArray("attachments")::add);
                }
            }
            JsonNode opened =
                    Api.call(() -> tickets.open(body, "portal:" + key)).body();
            return Response.seeOther(URI.create("/tickets/" + opened.path("id").asText() + "/opened"))
                    .build();
        } catch (ApiProblem e) {
            String text = e.status() >= 500 ? msg().error_unavailable() : e.detail();
            if ("files".equals(e.field()) || (e.field() != null && e.field().startsWith("attachments"))) {
                text = text + " " + msg().files_again();
            }
            return form(
                    chosenKind,
                    application,
                    title,
                    description,
                    chosenUrgency,
                    related,
                    key,
                    e.field() != null && e.field().startsWith("attachments") ? "files" : e.field(),
                    text,
                    e.status() >= 500
                            ? 503
                            : e.status() == 413 || e.status() == 415 || e.status() == 422 ? e.status() : 400);
        }
    }

    /**
     * The severity the customer proposes, from what the form asks (the agreement's urgency); support confirms or
     * reclassifies it when it takes the ticket in hand (docs/adr/0017).
     */
    static String proposedSeverity(String kind, String urgency) {
        if (!"INCIDENT".equals(kind)) {
            return "SEV4";
        }
        return switch (urgency) {
            case "CRITICAL" -> "SEV1";
            case "SERIOUS" -> "SEV2";
            default -> "SEV3";
        };
    }

    @GET
    @Path("/tickets/{id}/opened")
    public Response opened(@PathParam("id") String id) {
        if (!visit.person().isCustomerSide()) {
            return notForThisRole();
        }
        JsonNode t = Api.call(() -> tickets.ticket(id)).body();
        return Response.ok(localized(Templates.opened(
                        Chrome.of(visit, "new"), id, t.path("reference").asText())))
                .build();
    }

    // ---- One ticket ----

    @GET
    @Path("/tickets/{id}")
    public Response ticket(@PathParam("id") String id) {
        if (!visit.person().isCustomerSide()) {
            return notForThisRole();
        }
        return Response.ok(
                        localized(Templates.ticket(Chrome.of(visit, "ticket"), page(id, null, null, null, null, null))))
                .build();
    }

    /** The live part of a ticket's page, or 204 when nothing changed since {@code seen}. */
    @GET
    @Path("/tickets/{id}/live")
    public Response live(@PathParam("id") String id, @QueryParam("seen") String seen) {
        if (!visit.person().isCustomerSide()) {
            return notForThisRole();
        }
        TicketPage t = page(id, null, null, null, null, null);
        if (t.liveHref().endsWith("seen=" + seen)) {
            return Response.noContent().build();
        }
        Response.ResponseBuilder answer = Response.ok(localized(Templates.ticket$live(Chrome.of(visit, "ticket"), t)));
        if (seen != null && !seen.startsWith(mode(t))) {
            // resolved or closed meanwhile (or reopened): the message box and the actions change, so the whole page
            answer.header("HX-Refresh", "true");
        }
        return answer.build();
    }

    static String mode(TicketPage t) {
        return t.open() ? "o" : t.resolved() ? "r" : "c";
    }

    TicketPage page(
            String id, String messageDraft, String rejectDraft, String notice, String errorField, String errorText) {
        Api view = Api.call(() -> tickets.ticket(id));
        JsonNode t = view.body();
        JsonNode sla;
        try {
            sla = Api.call(() -> reports.ticket(id)).body();
        } catch (ApiProblem e) {
            if (e.status() != 404) {
                throw e;
            }
            sla = JSON.createObjectNode(); // not in the read model yet: no deadline known
        }
        Msg m = msg();
        String status = t.path("status").asText();
        ServiceLevel level = ServiceLevel.of(
                status,
                instant(t.path("acknowledgedAt")),
                instant(sla.path("responseDeadline")),
                instant(t.path("resolvedAt")),
                instant(t.path("closedAt")));
        String when = visit.when(level.at(), FormatStyle.FULL);
        String serviceLevel = switch (level.promise()) {
            case ANSWER_BY -> m.sla_answer_by(when);
            case ANSWER_SOON -> m.sla_answer_soon();
            case ANSWERED -> m.sla_answered(when);
            case PAUSED -> m.sla_paused();
            case RESOLVED -> m.sla_resolved(when);
            case CLOSED -> m.sla_closed(when);
        };
        List<Views.Message> messages = new ArrayList<>();
        String me = visit.person().userId();
        for (JsonNode msg : t.path("messages")) {
            boolean mine = me.equals(msg.path("by").asText());
            boolean customer = msg.path("fromCustomer").asBoolean();
            List<Views.FileLink> links = new ArrayList<>();
            msg.path("attachments").forEach(a -> links.add(link(id, a)));
            messages.add(new Views.Message(
                    mine ? m.from_you() : customer ? msg.path("by").asText() : m.from_support(),
                    customer,
                    visit.when(msg.path("at").asText(null), FormatStyle.MEDIUM),
                    msg.path("body").asText(),
                    links));
        }
        String related = t.path("relatedTicketId").asText(null);
        String relatedReference = null;
        if (related != null) {
            try {
                relatedReference = Api.call(() -> tickets.ticket(related))
                        .body()
                        .path("reference")
                        .asText();
            } catch (ApiProblem e) {
                relatedReference = null; // not visible to this person: shown without a link
            }
        }
        boolean resolved = "RESOLVED".equals(status);
        boolean closed = "CLOSED".equals(status);
        boolean open = !resolved && !closed;
        String severity = t.path("severity").asText("");
        String solution = t.path("solution").asText(null);
        String stateKey =
                (open ? "o" : resolved ? "r" : "c") + Integer.toHexString(Objects.hash(view.version(), serviceLevel));
        return new TicketPage(
                t.path("id").asText(),
                t.path("reference").asText(),
                t.path("title").asText(),
                kindLabel(m, t.path("kind").asText()),
                stateLabel(m, status),
                severity.startsWith("SEV") ? m.severity(severity.substring(3)) : severity,
                "INCIDENT".equals(t.path("kind").asText())
                        ? urgencyLabel(m, t.path("urgency").asText(null))
                        : null,
                t.path("application").asText(null),
                visit.when(t.path("openedAt").asText(null), FormatStyle.MEDIUM),
                related,
                relatedReference,
                t.path("description").asText(),
                attachmentsOf(id, t),
                serviceLevel,
                resolved || closed ? solution : null,
                messages,
                open,
                resolved,
                closed,
                open && visit.person().isContact() && !t.path("priority").asBoolean(),
                t.path("priority").asBoolean(),
                t.path("priorityRequested").asBoolean(),
                view.version(),
                UUID.randomUUID().toString(),
                "/tickets/" + id + "/live?seen=" + stateKey,
                messageDraft,
                rejectDraft,
                notice,
                open ? filesHint() : null,
                errorField,
                errorText);
    }

    private List<Views.FileLink> attachmentsOf(String id, JsonNode ticket) {
        List<Views.FileLink> links = new ArrayList<>();
        ticket.path("attachments").forEach(a -> links.add(link(id, a)));
        return links;
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }

    @POST
    @Path("/tickets/{id}/messages")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response message(
            @PathParam("id") String id,
            @RestForm("csrf") String csrf,
            @RestForm("body") String text,
            @RestForm("messageId") String messageId,
            @RestForm("files") List<FileUpload> attached) {
        ObjectNode body = JSON.createObjectNode()
                .put(
                        "messageId",
                        messageId == null || messageId.isBlank()
                                ? UUID.randomUUID().toString()
                                : messageId)
                .put("body", text == null ? "" : text.strip());
        return command(id, csrf, "messages", body, null, text, null, attached);
    }

    @POST
    @Path("/tickets/{id}/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(
            @PathParam("id") String id, @FormParam("csrf") String csrf, @FormParam("version") String version) {
        return command(id, csrf, "confirm", JSON.createObjectNode(), version, null, null, null);
    }

    @POST
    @Path("/tickets/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("version") String version,
            @FormParam("reason") String reason) {
        ObjectNode body = JSON.createObjectNode().put("reason", reason == null ? "" : reason.strip());
        return command(id, csrf, "reject", body, version, null, reason, null);
    }

    @POST
    @Path("/tickets/{id}/priority-request")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response priority(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("version") String version,
            @FormParam("reason") String reason) {
        ObjectNode body = JSON.createObjectNode();
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        return command(id, csrf, "priority-request", body, version, null, null, null);
    }

    /**
     * One command on a ticket, then back to the ticket. A refusal shows the ticket again with the service's words
     * and what the person wrote; a version that is no longer current (someone acted meanwhile) shows the ticket as it
     * is now, so the person decides again on what they see.
     */
    Response command(
            String id,
            String csrf,
            String command,
            ObjectNode body,
            String version,
            String messageDraft,
            String rejectDraft,
            List<FileUpload> attached) {
        if (!visit.person().isCustomerSide()) {
            return notForThisRole();
        }
        Msg m = msg();
        String error;
        String field = null;
        int status;
        if (!visit.csrfValid(csrf)) {
            error = m.error_session();
            status = 403;
        } else {
            try {
                if (attached != null && !body.path("body").asText().isEmpty()) {
                    List<String> ids = upload(attached);
                    if (!ids.isEmpty()) {
                        ids.forEach(body.putArray("attachments")::add);
                    }
                }
                String ifMatch = version == null || version.isBlank() ? null : "\"" + version + "\"";
                Api.call(() -> tickets.command(id, command, body, ifMatch));
                return Response.seeOther(URI.create("/tickets/" + id)).build();
            } catch (ApiProblem e) {
                if (e.status() == 404) {
                    throw e;
                }
                error = e.status() == 409 || e.status() == 412
                        ? m.error_changed()
                        : e.status() >= 500 ? m.error_unavailable() : e.detail();
                status = e.status() >= 500 ? 503 : e.status();
                if ("files".equals(e.field()) || (e.field() != null && e.field().startsWith("attachments"))) {
                    field = "files";
                    error = error + " " + m.files_again();
                }
            }
        }
        TicketPage t = page(id, messageDraft, rejectDraft, null, field, error);
        return Response.status(status)
                .entity(localized(Templates.ticket(Chrome.of(visit, "ticket"), t)))
                .build();
    }

    /**
     * A file of the ticket, passed on from the API as it arrives (never whole in memory), with the API's own guards:
     * a download, not a page ({@code Content-Disposition: attachment}), its type not sniffed, sandboxed.
     */
    @GET
    @Path("/tickets/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        if (!visit.person().isCustomerSide()) {
            return notForThisRole();
        }
        return files.passOn(id, attachmentId);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
