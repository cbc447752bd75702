package com.supportdesk.contract;

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

    private Topics() {}

    /** The dead-letter topic for messages of {@code topic} that could not be processed. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
