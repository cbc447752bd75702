package com.supportdesk.escalation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Reports escalation-service ready once CDI started it (its consumers and timers start with it). */
@Readiness
@ApplicationScoped
public class EscalationReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("escalation-service").up().build();
    }
}
