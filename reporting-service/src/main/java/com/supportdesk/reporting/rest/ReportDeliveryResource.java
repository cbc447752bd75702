package com.supportdesk.reporting.rest;

import com.supportdesk.reporting.delivery.ReportIssuer;
import com.supportdesk.support.rest.Problem;
import com.supportdesk.support.security.Callers;
import com.supportdesk.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The monthly report's delivery, as operations see and steer it: every issue of an account's report of a month (the
 * scheduled one and the resends) with notification-service's outcomes, and sending it again.
 */
@Path("/api/reports/monthly-deliveries/{accountId}/{month}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class ReportDeliveryResource {
    @Inject
    ReportIssuer issuer;

    @Inject
    Clock clock;

    @Inject
    Callers callers;

    @Inject
    com.supportdesk.reporting.projection.Projector projector;

    @Inject
    com.supportdesk.support.audit.AuditTrail audit;

    public record Deliveries(
            String accountId, String month, List<ReportIssuer.Issue> issues, List<ReportIssuer.Outcome> outcomes) {}

    @GET
    @Operation(summary = "Every issue of the month's report (scheduled, resends) and what became of its e-mails")
    public Deliveries deliveries(@PathParam("accountId") String accountId, @PathParam("month") String month) {
        YearMonth ym = month(month);
        zone(accountId);
        return new Deliveries(accountId, ym.toString(), issuer.issues(accountId, ym), issuer.outcomes(accountId, ym));
    }

    @POST
    @Operation(
            summary =
                    "Send the month's report to the account's designated contacts now: the first issue if the schedule has not sent it yet, otherwise a resend, recorded as such")
    public Response send(@PathParam("accountId") String accountId, @PathParam("month") String month) {
        YearMonth ym = month(month);
        ZoneId zone = zone(accountId);
        Instant now = clock.instant();
        if (!YearMonth.from(now.atZone(zone)).isAfter(ym)) {
            throw new Problem.Failure(
                    Problem.invalid("month", "is not over yet in " + zone + ": only a past month is reported"));
        }
        ReportIssuer.Issue issue = issuer.issue(
                        accountId, ym, true, callers.current().userId(), now)
                .orElseThrow(() ->
                        new Problem.Failure(Problem.of(404, "not-found", "Not found", "No account " + accountId)));
        projector.audit(audit.entry(
                issue.resend() ? "report.resent" : "report.sent",
                "account",
                accountId,
                accountId,
                Map.of("month", ym.toString(), "issue", issue.issue())));
        return Response.accepted(issue).build();
    }

    private static YearMonth month(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new Problem.Failure(Problem.invalid("month", "must be a month as yyyy-MM, e.g. 2026-10"));
        }
    }

    private ZoneId zone(String accountId) {
        return issuer.zoneOf(accountId)
                .orElseThrow(() ->
                        new Problem.Failure(Problem.of(404, "not-found", "Not found", "No account " + accountId)));
    }
}
