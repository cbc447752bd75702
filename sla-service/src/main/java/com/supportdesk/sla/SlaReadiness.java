package com.supportdesk.sla;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Reports the service ready once CDI started it (its consumers and workers start with it); the datasource and
 * Kafka checks of Quarkus report those connections beside it. */
@Readiness
@ApplicationScoped
public class SlaReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sla-service").up().build();
    }
}
