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

    /** The monthly report's delivery to each account's designated contacts. */
    MonthlyDelivery monthlyDelivery();

    /** The event log's months: how long they are kept and what becomes of older ones (ADR 0020). */
    EventLog eventLog();

    /**
     * Where the agent workspace's ticket pages are ({@code <url>/tickets/<id>}): the queue links each ticket there.
     * {@code SUPPORT_REPORTING_WORKSPACE_URL}.
     */
    @WithDefault("http://localhost:8086/agent")
    String workspaceUrl();

    interface MonthlyDelivery {
        /** Whether this instance looks for due reports by itself (tests call the issuer with their own instants). */
        @WithDefault("true")
        boolean enabled();

        /** The business day after month end (on the account's support calendar) the report goes out: 1 to 10. */
        @WithDefault("5")
        int businessDay();

        /** How often an instance looks for reports that are due (each account's is issued once, by any instance). */
        @WithDefault("PT1M")
        Duration checkEvery();
    }

    interface EventLog {
        /**
         * How long the event log keeps a month: a month wholly older than this is dropped or detached (checked every
         * {@link #checkEvery()}). {@code P0D} keeps every month. {@code SUPPORT_REPORTING_EVENT_LOG_RETENTION}.
         */
        @WithDefault("P24M")
        java.time.Period retention();

        /** {@code drop} (the default) or {@code detach} (kept as {@code rpt_event_archived_yYYYYmMM} to archive). */
        @WithDefault("drop")
        com.supportdesk.reporting.projection.EventLog.Expiry expired();

        /** How often the keeper makes the coming month's partition and looks for expired ones. */
        @WithDefault("PT1H")
        Duration checkEvery();
    }

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
