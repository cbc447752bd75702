package com.supportdesk.notification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.OutageNoticeVerdict;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.MessageType;
import com.supportdesk.notification.engine.NotificationWorkers;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import com.supportdesk.notification.store.NotificationStore.OutageRow;
import com.supportdesk.notification.store.NotificationStore.Subscription;
import com.supportdesk.support.audit.AuditTrail;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Caller;
import com.supportdesk.support.security.Callers;
import com.supportdesk.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhook subscriptions, the dead-letter store (list, replay), the notifications of a ticket or outage, and the
 * outage notice decisions.
 */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.ENGINEER, Roles.SAM, Roles.OPS, Roles.ADMIN})
public class NotificationResource {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    com.supportdesk.notification.store.NotificationAdmin store;

    @Inject
    Clock clock;

    @Inject
    NotificationWorkers workers;

    @Inject
    Callers callers;

    @Inject
    com.supportdesk.notification.webhook.WebhookTargets webhookTargets;

    @Inject
    com.supportdesk.notification.webhook.WebhookSecrets secrets;

    @Inject
    AuditTrail audit;

    /** What a partner sends to subscribe. {@code secret} is optional: one is generated and returned once. */
    public record SubscriptionRequest(String url, List<String> eventTypes, List<String> accounts, String secret) {}

    /** A subscription as shown: the secret only in the answer that issued it, never afterwards. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(
            String id,
            String url,
            List<String> eventTypes,
            List<String> accounts,
            String secret,
            Instant createdAt,
            Instant previousSecretValidUntil) {
        static SubscriptionView of(Subscription s) {
            return withSecret(s, null);
        }

        static SubscriptionView withSecret(Subscription s, String secret) {
            return new SubscriptionView(
                    s.id(), s.url(), s.eventTypes(), s.accounts(), secret, s.createdAt(), s.previousUntil());
        }
    }

    /** A rotation's optional choice of the new secret; absent: one is generated. */
    public record RotationRequest(String secret) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(
            String id,
            NotificationChannel channel,
            NotificationKind kind,
            String recipient,
            String accountId,
            String subjectId,
            String triggerId,
            String triggerType,
            SupportLanguage language,
            Boolean languageFallback,
            String subject,
            NotificationStore.State state,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant createdAt,
            Instant doneAt,
            String digestId) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(
                    d.id(),
                    d.channel(),
                    d.kind(),
                    d.recipient(),
                    d.accountId(),
                    d.subjectId(),
                    d.triggerId(),
                    d.triggerType(),
                    d.language(),
                    d.languageFallback() ? Boolean.TRUE : null,
                    d.subject(),
                    d.state(),
                    d.attempts(),
                    d.nextAttemptAt(),
                    d.lastError(),
                    d.createdAt(),
                    d.doneAt(),
                    d.digestId());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutageView(
            String outageId,
            String accountId,
            String application,
            Instant startedAt,
            Instant endedAt,
            OutageNoticeVerdict verdict,
            String reason,
            Instant decidedAt,
            Instant nextCheck) {
        static OutageView of(OutageRow o) {
            return new OutageView(
                    o.outageId(),
                    o.accountId(),
                    o.application(),
                    o.startedAt(),
                    o.endedAt(),
                    o.verdict(),
                    o.reason(),
                    o.decidedAt(),
                    o.checkAt());
        }
    }

    // ---- subscriptions ------------------------------------------------------------------------------------------

    @POST
    @Path("/webhooks")
    @RolesAllowed({Roles.PARTNER, Roles.ADMIN})
    public Response subscribe(SubscriptionRequest request) {
        Caller caller = callers.current();
        if (request == null) {
            throw invalid("body", "is required");
        }
        URI url = validUrl(request.url());
        if (request.eventTypes() == null || request.eventTypes().isEmpty()) {
            throw invalid("eventTypes", "must name at least one event type (or a prefix ending in *)");
        }
        for (int i = 0; i < request.eventTypes().size(); i++) {
            String t = request.eventTypes().get(i);
            if (t == null || !knownPattern(t)) {
                throw invalid("eventTypes[" + i + "]", "matches no event type of the catalogue: " + t);
            }
        }
        if (request.accounts() == null || request.accounts().isEmpty()) {
            throw invalid("accounts", "must list the accounts the subscriber is entitled to");
        }
        for (int i = 0; i < request.accounts().size(); i++) {
            String a = request.accounts().get(i);
            if (a == null || a.isBlank() || a.length() > 255) {
                throw invalid("accounts[" + i + "]", "must be an account id");
            }
            if (!caller.has(Roles.ADMIN) && !caller.entitledAccounts().contains(a)) {
                throw new Problem.Failure(Problem.of(
                        403, "forbidden", "Forbidden", "accounts[" + i + "]: you are not entitled to account " + a));
            }
        }
        String secret = secretOrGenerated(request.secret());
        String id = UUID.randomUUID().toString();
        Subscription s = new Subscription(
                id,
                url.toString(),
                List.copyOf(request.eventTypes()),
                List.copyOf(request.accounts()),
                secrets.seal(secret, id),
                caller.userId(),
                clock.instant());
        store.subscribe(
                s,
                audit.entry(
                        "webhook.subscribed",
                        "webhook",
                        s.id(),
                        singleAccount(s),
                        Map.of(
                                "url",
                                s.url(),
                                "eventTypes",
                                s.eventTypes(),
                                "accounts",
                                s.accounts(),
                                "secret",
                                request.secret() == null ? "generated" : "chosen by the subscriber")));
        workers.pokeOutbox();
        return Response.created(URI.create("/api/notifications/webhooks/" + s.id()))
                .entity(SubscriptionView.withSecret(s, secret))
                .build();
    }

    /**
     * Issues a new signing secret (shown in this answer only). For {@code support.notification.webhook.secret-overlap}
     * (a day) deliveries are signed with the new and the previous secret, so the partner can switch its receiver
     * without losing a delivery; a second rotation within the overlap ends the first one's.
     */
    @POST
    @Path("/webhooks/{id}/rotate-secret")
    @RolesAllowed({Roles.PARTNER, Roles.ADMIN})
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.WILDCARD)
    public SubscriptionView rotateSecret(@PathParam("id") String id, String body) {
        Caller caller = callers.current();
        RotationRequest request = null;
        if (body != null && !body.isBlank()) {
            try {
                request = com.supportdesk.contract.wire.CloudEventCodec.mapper().readValue(body, RotationRequest.class);
            } catch (java.io.IOException e) {
                throw invalid("body", "is not a JSON object {\"secret\": ...}");
            }
        }
        String secret = secretOrGenerated(request == null ? null : request.secret());
        Instant until = clock.instant().plus(secrets.overlap());
        Subscription rotated = store.rotate(
                        id,
                        x -> owns(caller, x),
                        secrets.seal(secret, id),
                        secrets::currentAsPrevious,
                        until,
                        s -> audit.entry(
                                "webhook.secret-rotated",
                                "webhook",
                                id,
                                singleAccount(s),
                                Map.of("previousSecretValidUntil", until)))
                .orElseThrow(() -> notFound("No webhook subscription " + id));
        workers.pokeOutbox();
        return SubscriptionView.withSecret(rotated, secret);
    }

    private static String secretOrGenerated(String secret) {
        if (secret != null && (secret.length() < 16 || secret.length() > 200)) {
            throw invalid("secret", "must be 16 to 200 characters (or absent: one is generated)");
        }
        if (secret == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return secret;
    }

    /** A partner sees and removes its own subscriptions; an administrator every one. */
    @GET
    @Path("/webhooks")
    @RolesAllowed({Roles.PARTNER, Roles.ADMIN})
    public List<SubscriptionView> subscriptions() {
        Caller caller = callers.current();
        return store.subscriptions().stream()
                .filter(s -> owns(caller, s))
                .map(s -> SubscriptionView.of(s))
                .toList();
    }

    private static boolean owns(Caller caller, Subscription s) {
        return caller.has(Roles.ADMIN) || caller.userId().equals(s.owner());
    }

    @GET
    @Path("/webhooks/{id}")
    @RolesAllowed({Roles.PARTNER, Roles.ADMIN})
    public SubscriptionView subscription(@PathParam("id") String id) {
        Caller caller = callers.current();
        return store.subscription(id)
                .filter(s -> owns(caller, s))
                .map(s -> SubscriptionView.of(s))
                .orElseThrow(() -> notFound("No webhook subscription " + id));
    }

    @DELETE
    @Path("/webhooks/{id}")
    @RolesAllowed({Roles.PARTNER, Roles.ADMIN})
    public Response unsubscribe(@PathParam("id") String id) {
        SubscriptionView s = subscription(id); // 404 unless it is the caller's
        boolean removed = store.unsubscribe(
                id,
                audit.entry(
                        "webhook.unsubscribed",
                        "webhook",
                        id,
                        s.accounts().size() == 1 ? s.accounts().get(0) : null,
                        Map.of("url", s.url())));
        if (!removed) {
            throw notFound("No webhook subscription " + id);
        }
        workers.pokeOutbox();
        return Response.noContent().build();
    }

    // ---- deliveries and the dead-letter store -------------------------------------------------------------------

    @GET
    @Path("/subjects/{id}")
    public List<DeliveryView> ofSubject(@PathParam("id") String id) {
        return store.deliveriesOf(id).stream().map(DeliveryView::of).toList();
    }

    @GET
    @Path("/deliveries/{id}")
    public DeliveryView delivery(@PathParam("id") String id) {
        return store.delivery(id).map(DeliveryView::of).orElseThrow(() -> notFound("No delivery " + id));
    }

    @GET
    @Path("/dead-letters")
    public List<DeliveryView> deadLetters(
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("after") String after) {
        if (limit < 1 || limit > 1000) {
            throw invalid("limit", "must be between 1 and 1000");
        }
        if (after != null && store.delivery(after).isEmpty()) {
            throw invalid("after", "must be the id of a delivery (the last one of the page before)");
        }
        return store.parked(limit, after).stream().map(DeliveryView::of).toList();
    }

    @POST
    @Path("/dead-letters/{id}/replay")
    public Response replay(@PathParam("id") String id) {
        Boolean replayed = store.replay(
                        id,
                        clock.instant(),
                        d -> audit.entry(
                                "dead-letter.replayed",
                                "delivery",
                                id,
                                d.accountId(),
                                Map.of(
                                        "channel",
                                        d.channel(),
                                        "recipient",
                                        d.recipient(),
                                        "attempts",
                                        d.attempts(),
                                        "lastError",
                                        d.lastError() == null ? "" : d.lastError())))
                .orElse(null);
        if (replayed == null) {
            throw notFound("No delivery " + id);
        }
        if (!replayed) {
            throw new Problem.Failure(Problem.of(
                    409,
                    "not-parked",
                    "Not in the dead-letter store",
                    "Delivery " + id + " is not parked; only parked deliveries can be replayed"));
        }
        workers.pokeSenders();
        return Response.accepted(delivery(id)).build();
    }

    // ---- outages ------------------------------------------------------------------------------------------------

    @GET
    @Path("/outages")
    public List<OutageView> outages(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw invalid("limit", "must be between 1 and 1000");
        }
        return store.recentOutages(limit).stream().map(OutageView::of).toList();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private URI validUrl(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("url", "is required");
        }
        if (url.length() > 2048) {
            throw invalid("url", "is longer than 2048 characters");
        }
        try {
            return webhookTargets.check(url).url();
        } catch (com.supportdesk.notification.webhook.WebhookTargets.Refused e) {
            throw invalid("url", e.getMessage());
        }
    }

    /** The account a subscription is about, when it is about exactly one. */
    private static String singleAccount(Subscription s) {
        return s.accounts().size() == 1 ? s.accounts().get(0) : null;
    }

    private static boolean knownPattern(String pattern) {
        return Catalog.events().stream()
                .map(MessageType::type)
                .anyMatch(t -> pattern.equals(t)
                        || pattern.endsWith("*") && t.startsWith(pattern.substring(0, pattern.length() - 1)));
    }

    private static Problem.Failure invalid(String field, String reason) {
        return new Problem.Failure(Problem.invalid(field, reason));
    }

    private static Problem.Failure notFound(String detail) {
        return new Problem.Failure(Problem.of(404, "not-found", "Not found", detail));
    }
}
