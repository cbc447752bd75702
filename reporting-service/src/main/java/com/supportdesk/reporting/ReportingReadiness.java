package com.supportdesk.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Reports the service ready once CDI started it (its consumers and workers start with it); the datasource and
 * Kafka checks of Quarkus report those connections beside it. */
@Readiness
@ApplicationScoped
public class ReportingReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("reporting-service").up().build();
    }
}
