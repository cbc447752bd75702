package com.supportdesk.support.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The readiness check {@value WorkHealth#NAME}: whether the service's consumers, relays and timers get through. */
@Readiness
@ApplicationScoped
public class WorkReadiness implements HealthCheck {
    @Inject
    WorkHealth work;

    @Override
    public HealthCheckResponse call() {
        return work.check();
    }
}
