package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import java.time.Instant;
import java.util.List;

@Description("An administrative or operational action that is not a ticket event was carried out (an account, an "
        + "outage or maintenance, a webhook subscription or its secret, a dead-letter replay, a read-model rebuild, "
        + "SLA configuration): who, when, what, from which client. Published by the service that did it, on "
        + "audit-events; key = the target's id. Secrets never appear in it.")
public record AuditRecorded(
        @Description("Id of this entry (the idempotency key; equals ce_id).")
        String auditId,

        @Description("What was done, as <target kind>.<verb>, e.g. webhook.subscribed, webhook.secret-rotated, "
                + "dead-letter.replayed, read-model.rebuild-started, account.registered, outage.declared.")
        String action,

        @Description("The service that carried it out.") String service,

        @Description("User id (Keycloak subject) of who did it, or the service identity.")
        String actor,

        @OptionalField @Description("Their user name.") String actorName,
        @Description("Their realm roles at the time.") List<String> actorRoles,

        @OptionalField @Description("The OIDC client the token was issued to (azp), e.g. portal, dashboard.")
        String clientId,

        @OptionalField
        @Description("The network address the request came from (first X-Forwarded-For hop, else the peer).")
        String address,

        @Description("Kind of thing acted on: account, outage, maintenance, webhook, delivery, calendar, read-model.")
        String targetKind,

        @Description("Its id.") String targetId,

        @OptionalField @Description("The client account concerned, when there is one.")
        String accountId,

        @Description("What changed, as name/value pairs (may be empty).")
        List<AuditDetail> details,

        Instant at) {}
