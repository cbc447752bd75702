package com.supportdesk.escalation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** escalation-service's settings, {@code support.escalation.*} (environment: {@code SUPPORT_ESCALATION_*}). */
@ConfigMapping(prefix = "support.escalation")
public interface EscalationSettings {

    /** The plan of an account whose plan names no escalation policy. */
    @WithDefault("standard")
    String defaultPlan();

    /** The escalation checks' timer. */
    Timer timer();

    /** The outbox relay (escalation-events, escalate commands). */
    Outbox outbox();

    interface Timer {
        /** The longest sleep between looks for due checks (a new check wakes it sooner). */
        @WithDefault("PT1S")
        Duration maxIdle();
    }

    interface Outbox {
        /** The longest sleep between rounds (a commit that queues messages wakes it sooner). */
        @WithDefault("PT0.5S")
        Duration maxIdle();
    }
}
