package com.supportdesk.escalation.rest;

import com.supportdesk.escalation.engine.EscalationProcessor;
import com.supportdesk.escalation.rules.AccountFacts;
import com.supportdesk.escalation.rules.EscalationPolicy;
import com.supportdesk.escalation.store.EscalationStore;
import com.supportdesk.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The escalations of a ticket, and the rules in force for an account: vendor staff only (internal decisions). */
@Path("/api/escalations")
@RolesAllowed({Roles.AGENT, Roles.ENGINEER, Roles.SAM, Roles.OPS, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class EscalationResource {

    @Inject
    EscalationProcessor processor;

    public record RulesInForce(
            String accountId,
            String region,
            String plan,
            boolean priorityHandlingRevoked,
            String strategicAccountManager,
            EscalationPolicy terms,
            List<String> rules) {}

    @GET
    @Path("/tickets/{id}")
    @Operation(summary = "Every decision taken on a ticket: rule, action, reason, the command sent")
    public List<EscalationStore.DecisionRow> ticket(@PathParam("id") String id) {
        return processor.read(c -> EscalationStore.decisions(c, id));
    }

    @GET
    @Path("/accounts/{id}/rules")
    @Operation(summary = "The escalation rules and terms in force for an account")
    public Response rules(@PathParam("id") String id) {
        AccountFacts a = processor.read(c -> EscalationStore.account(c, id).orElse(null));
        if (a == null) {
            return Response.status(404)
                    .type("application/problem+json")
                    .entity(Map.of(
                            "type",
                            "https://supportdesk.example/problems/not-found",
                            "title",
                            "Not found",
                            "status",
                            404,
                            "detail",
                            "escalation-service has not seen account " + id + " on account-events"))
                    .build();
        }
        EscalationPolicy terms = processor.policyFor(a);
        List<String> rules = new java.util.ArrayList<>(List.of("priority-request", "priority-breach"));
        if (terms.priorityStallAfter() != null) {
            rules.add("priority-stall");
        }
        if (terms.criticalSituationAfter() != null) {
            rules.add("critical-situation");
        }
        if (terms.l1ToL2After() != null) {
            rules.add("functional-escalation");
        }
        return Response.ok(new RulesInForce(
                        a.accountId(),
                        a.region(),
                        a.plan(),
                        a.priorityRevoked(),
                        a.strategicAccountManager() == null
                                ? null
                                : a.strategicAccountManager().userId(),
                        terms,
                        rules))
                .build();
    }
}
