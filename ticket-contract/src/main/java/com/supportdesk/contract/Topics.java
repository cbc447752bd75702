package com.supportdesk.contract;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Kafka topic names. Pinned: partners and every service rely on them (docs/architecture.md). */
public final class Topics {
    public static final String TICKET_COMMANDS = "ticket-commands";
    public static final String TICKET_EVENTS = "ticket-events";
    public static final String ACCOUNT_EVENTS = "account-events";
    public static final String SLA_EVENTS = "sla-events";
    public static final String ESCALATION_EVENTS = "escalation-events";
    public static final String NOTIFICATION_EVENTS = "notification-events";
    /** Administrative and operational actions that are not ticket events (who, when, what, from which client). */
    public static final String AUDIT_EVENTS = "audit-events";
    /** Monthly reports issued for delivery (reporting-service -> notification-service); key = account id. */
    public static final String REPORT_EVENTS = "report-events";
    /**
     * The SLA configuration (calendars, regions, policies), owned by sla-service; compacted, key =
     * {@code calendar:<id>}, {@code region:<id>} or {@code policy:<id>}, each record the whole latest version.
     */
    public static final String SLA_CONFIG = "sla-config";

    /** A topic-level setting: whose time a record carries, the producer's ({@code CreateTime}) or the broker's. */
    private static final String TIMESTAMP_TYPE = "message.timestamp.type";

    /**
     * The broker's time: a command on ticket-commands is judged by its sender's token as of when the broker took it
     * (ADR 0023), so its time must not be one the producer chose.
     */
    private static final String BROKER_TIME = "LogAppendTime";

    private static final String RETENTION = "retention.ms";
    private static final String KEPT = "-1";
    private static final String COMPACTED = "compact";

    private Topics() {}

    /**
     * The topic-level settings a pinned topic is created with, by whichever service creates it first, by the tests'
     * broker and in the Kubernetes manifests alike: event topics kept for ever (a partner or a rebuild reads them from
     * the start), the latest-version topics compacted, commands kept a week (the grace of a queued command's token)
     * and stamped with the broker's time, notifications kept a year, dead letters 30 days (the runbook's time to
     * look at them). Partitions and replicas are the cluster's choice, not the contract's.
     */
    public static Map<String, String> settings(String topic) {
        if (topic.endsWith(".dlq")) {
            return Map.of(RETENTION, kept(Duration.ofDays(30)));
        }
        return switch (topic) {
            case TICKET_COMMANDS -> Map.of(RETENTION, kept(Duration.ofDays(7)), TIMESTAMP_TYPE, BROKER_TIME);
            case TICKET_EVENTS, SLA_EVENTS, ESCALATION_EVENTS, AUDIT_EVENTS, REPORT_EVENTS -> Map.of(RETENTION, KEPT);
            case NOTIFICATION_EVENTS -> Map.of(RETENTION, kept(Duration.ofDays(365)));
            case ACCOUNT_EVENTS, SLA_CONFIG -> Map.of("cleanup.policy", COMPACTED);
            default -> Map.of();
        };
    }

    private static String kept(Duration retention) {
        return String.valueOf(retention.toMillis());
    }

    /** The pinned topics (above), without their dead-letter topics. */
    public static List<String> pinned() {
        return List.of(
                TICKET_COMMANDS,
                TICKET_EVENTS,
                ACCOUNT_EVENTS,
                SLA_EVENTS,
                ESCALATION_EVENTS,
                NOTIFICATION_EVENTS,
                AUDIT_EVENTS,
                REPORT_EVENTS,
                SLA_CONFIG);
    }

    /**
     * Every topic the platform writes: the pinned ones and the dead-letter topic of each consumed one (none for
     * sla-config, whose readers skip what they cannot read). A cluster declares all of them up front.
     */
    public static List<String> all() {
        return java.util.stream.Stream.concat(
                        pinned().stream(),
                        pinned().stream().filter(t -> !t.equals(SLA_CONFIG)).map(Topics::deadLetter))
                .toList();
    }

    /** The dead-letter topic for messages of {@code topic} that could not be processed. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
