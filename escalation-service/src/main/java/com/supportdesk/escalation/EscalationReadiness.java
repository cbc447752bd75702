package com.supportdesk.escalation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * escalation-service is a skeleton until its own issue lands: Priority handling and escalation rules; escalate commands on ticket-commands.
 * It reports what it is so the stack launcher and operators can tell it from a finished service.
 */
@Readiness
@ApplicationScoped
public class EscalationReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("escalation-service").up().withData("stage", "skeleton").build();
    }
}
