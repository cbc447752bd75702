package com.supportdesk.sla;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * sla-service is a skeleton until its own issue lands: SLA clocks on business-hours calendars; warnings and breaches on sla-events.
 * It reports what it is so the stack launcher and operators can tell it from a finished service.
 */
@Readiness
@ApplicationScoped
public class SlaReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sla-service").up().withData("stage", "skeleton").build();
    }
}
