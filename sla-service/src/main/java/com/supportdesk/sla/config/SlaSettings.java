package com.supportdesk.sla.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * sla-service's settings, {@code support.sla.*} (environment: {@code SUPPORT_SLA_*}), in one typed place. The
 * defaults are the shipped behaviour; application.properties and docs/runbook.md say when to change them.
 */
@ConfigMapping(prefix = "support.sla")
public interface SlaSettings {

    /** The policies in force, by id: the shipped ones, plus those found in {@link #policyDir()}. */
    @WithDefault("standard,tiered-1,tiered-2,tiered-3,tiered-3-rapid")
    List<String> policies();

    /** A folder of extra policy files ({@code <id>.json}), read at start-up. */
    Optional<Path> policyDir();

    /** The policy of an account whose plan names none of {@link #policies()}. */
    @WithDefault("standard")
    String defaultPolicy();

    /** The region (and so the calendar) of an account that never arrived on account-events. */
    @WithDefault("EUROPE")
    String defaultRegion();

    /** How long an opening waits for its account before its clocks start on the default contract. */
    @WithDefault("PT1M")
    Duration accountWait();

    /** The durable timers. */
    Timer timer();

    /** The outbox relay to sla-events. */
    Outbox outbox();

    /** Re-targeting the running clocks of a calendar that changed. */
    Recalculation recalculation();

    interface Recalculation {
        /** Tickets re-targeted per transaction. */
        @WithDefault("1000")
        int slice();

        /** The longest sleep between looks for work (a change wakes it sooner). */
        @WithDefault("PT2S")
        java.time.Duration maxIdle();

        /**
         * Slices of a calendar change worked at once, each in a transaction of its own on its own connection (1: one
         * after the other). A policy change's slices are always worked one after the other.
         */
        @WithDefault("2")
        int parallelism();
    }

    interface Timer {
        /** Off only for tests that drive the timers themselves. */
        @WithDefault("true")
        boolean enabled();

        /** Tickets fired per transaction. */
        @WithDefault("500")
        int batchSize();

        /** The longest sleep between looks for due timers (a new timer wakes it sooner). */
        @WithDefault("PT1S")
        Duration maxIdle();
    }

    interface Outbox {
        /** Messages published per round. */
        @WithDefault("500")
        int batchSize();

        /** The longest sleep between rounds (a commit that queues messages wakes it sooner). */
        @WithDefault("PT0.5S")
        Duration maxIdle();
    }
}
