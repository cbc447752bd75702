package com.supportdesk.support.audit;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AuditDetail;
import com.supportdesk.contract.event.AuditRecorded;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The audit trail of administrative and operational actions (ADR 0009): each becomes a
 * {@code support.audit.recorded.v1} record on {@code audit-events}, written by the acting service into its own
 * outbox <b>in the transaction of the action</b>, so an action that committed is never missing from the trail and
 * one that rolled back never appears in it. Who comes from the verified token, the client from its {@code azp} claim,
 * the address from the HTTP request.
 */
@ApplicationScoped
public class AuditTrail {
    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    @Inject
    Clock clock;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** Who acts and from where, as the current request says. */
    public record Origin(String actor, String actorName, List<String> roles, String clientId, String address) {}

    /** An entry for the current request's caller; enqueue it in the action's transaction. */
    public Outbox.Outgoing entry(
            String action, String targetKind, String targetId, String accountId, Map<String, ?> details) {
        return message(
                UUID.randomUUID().toString(),
                service,
                origin(),
                action,
                targetKind,
                targetId,
                accountId,
                details,
                clock.instant());
    }

    /** The current request's caller, client and address; null outside a request (a Kafka command). */
    public Origin originOrNull() {
        try {
            return origin();
        } catch (jakarta.enterprise.context.ContextNotActiveException notInARequest) {
            return null;
        }
    }

    /** The current request's caller, client and address. */
    public Origin origin() {
        Caller caller = Caller.of(identity);
        String client = null;
        if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("azp") != null) {
            client = unquote(jwt.getClaim("azp").toString());
        }
        return new Origin(
                caller.userId(), caller.name(), caller.roles().stream().sorted().toList(), client, address());
    }

    private String address() {
        RoutingContext rc;
        try {
            rc = request == null ? null : request.getCurrent();
        } catch (jakarta.enterprise.context.ContextNotActiveException notInARequest) {
            return null;
        }
        if (rc == null) {
            return null;
        }
        HttpServerRequest r = rc.request();
        return address(
                r.getHeader("X-Forwarded-For"),
                r.remoteAddress() == null ? null : r.remoteAddress().hostAddress());
    }

    /** The first hop of {@code X-Forwarded-For} (the client as the proxy saw it), else the peer's address. */
    static String address(String forwardedFor, String peer) {
        if (forwardedFor != null) {
            String first = forwardedFor.split(",")[0].trim();
            if (!first.isEmpty() && first.length() <= 64) {
                return first;
            }
        }
        return peer;
    }

    /** A record of the audit trail, ready for an outbox (also for actions found in an event store). */
    public static Outbox.Outgoing message(
            String auditId,
            String service,
            Origin origin,
            String action,
            String targetKind,
            String targetId,
            String accountId,
            Map<String, ?> details,
            Instant at) {
        List<AuditDetail> facts = new ArrayList<>();
        if (details != null) {
            new LinkedHashMap<>(details).forEach((k, v) -> {
                if (v != null) {
                    facts.add(new AuditDetail(k, text(v)));
                }
            });
        }
        AuditRecorded entry = new AuditRecorded(
                auditId,
                action,
                service,
                origin.actor(),
                origin.actorName(),
                origin.roles(),
                origin.clientId(),
                origin.address(),
                targetKind,
                targetId,
                accountId,
                List.copyOf(facts),
                at);
        CloudEvent envelope = new CloudEvent(
                auditId, Catalog.of(AuditRecorded.class).type(), service, targetId, at, null, accountId, entry);
        return new Outbox.Outgoing(
                Topics.AUDIT_EVENTS,
                targetId,
                com.supportdesk.support.Tracing.stamp(CloudEventCodec.headers(envelope)),
                CloudEventCodec.body(entry));
    }

    private static String text(Object v) {
        String s = v instanceof Iterable<?> values ? String.join(",", toStrings(values)) : v.toString();
        return s.length() > 2048 ? s.substring(0, 2048) : s;
    }

    private static List<String> toStrings(Iterable<?> values) {
        List<String> out = new ArrayList<>();
        values.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
