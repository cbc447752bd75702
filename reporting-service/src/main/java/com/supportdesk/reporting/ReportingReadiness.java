package com.supportdesk.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * reporting-service is a skeleton until its own issue lands: Projections, the monthly service level report and the operations dashboard.
 * It reports what it is so the stack launcher and operators can tell it from a finished service.
 */
@Readiness
@ApplicationScoped
public class ReportingReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("reporting-service").up().withData("stage", "skeleton").build();
    }
}
