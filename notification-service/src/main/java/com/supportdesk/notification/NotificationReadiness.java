package com.supportdesk.notification;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * notification-service is a skeleton until its own issue lands: E-mail, signed webhooks and outage notices; outcomes on notification-events.
 * It reports what it is so the stack launcher and operators can tell it from a finished service.
 */
@Readiness
@ApplicationScoped
public class NotificationReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("notification-service").up().withData("stage", "skeleton").build();
    }
}
