package com.supportdesk.reporting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** reporting-service's settings, {@code support.reporting.*} (environment: {@code SUPPORT_REPORTING_*}). */
@ConfigMapping(prefix = "support.reporting")
public interface ReportingSettings {

    /** The projector's own JDBC pool. */
    Projector projector();

    /** The outbox relay (dead letters, audit). */
    Outbox outbox();

    interface Projector {
        /** Connections of the projector's pool (the read model's writes, the rebuild). */
        @WithDefault("4")
        int poolSize();
    }

    interface Outbox {
        /** The longest sleep between rounds (a commit that queues messages wakes it sooner). */
        @WithDefault("PT0.5S")
        Duration maxIdle();
    }
}
