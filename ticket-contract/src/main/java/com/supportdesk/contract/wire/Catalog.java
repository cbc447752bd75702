package com.supportdesk.contract.wire;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.command.*;
import com.supportdesk.contract.event.*;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place where records meet their wire names. Adding a field to a record is compatible; renaming or removing
 * one, or changing its meaning, is a new type with a new version suffix.
 */
public final class Catalog {

    public static final String SPEC_VERSION = "1.0";
    /** The schemas' canonical identifiers ({@code $id}); {@link #schemaBase()} is where a record says to fetch them. */
    public static final String SCHEMA_BASE = "https://supportdesk.example/schemas/";
    /** Setting (system property; {@code SUPPORT_EVENTS_SCHEMA_BASE} in the environment) of {@link #schemaBase()}. */
    public static final String SCHEMA_BASE_SETTING = "support.events.schema-base";

    private static volatile String schemaBase = normalized(System.getProperty(
            SCHEMA_BASE_SETTING, System.getenv().getOrDefault("SUPPORT_EVENTS_SCHEMA_BASE", SCHEMA_BASE)));

    /**
     * Where the schemas are served (each record's {@code ce_dataschema} is this followed by {@code <type>.json}):
     * by default {@link #SCHEMA_BASE}; a deployment points it to a service's {@code /schemas/} (or a registry).
     */
    public static String schemaBase() {
        return schemaBase;
    }

    /** Sets {@link #schemaBase()} (a service does at start-up from its configuration); a missing slash is added. */
    public static void schemaBase(String base) {
        schemaBase = normalized(base);
    }

    private static String normalized(String base) {
        if (base == null || base.isBlank()) {
            return SCHEMA_BASE;
        }
        return base.endsWith("/") ? base : base + "/";
    }

    private static final List<MessageType<?>> EVENTS = List.of(
            ticket("support.ticket.opened.v1", TicketOpened.class),
            ticket("support.ticket.acknowledged.v1", TicketAcknowledged.class),
            ticket("support.ticket.severity-reclassified.v1", SeverityReclassified.class),
            ticket("support.ticket.severity-review-requested.v1", SeverityReviewRequested.class),
            ticket("support.ticket.message-added.v1", MessageAdded.class),
            ticket("support.ticket.internal-note-added.v1", InternalNoteAdded.class),
            ticket("support.ticket.priority-requested.v1", PriorityHandlingRequested.class),
            ticket("support.ticket.priority-granted.v1", PriorityHandlingGranted.class),
            ticket("support.ticket.priority-refused.v1", PriorityHandlingRefused.class),
            ticket("support.ticket.transferred.v1", TicketTransferred.class),
            ticket("support.ticket.escalated.v1", TicketEscalated.class),
            ticket("support.ticket.put-on-hold.v1", TicketPutOnHold.class),
            ticket("support.ticket.scope-flagged.v1", TicketScopeFlagged.class),
            ticket("support.ticket.resumed.v1", TicketResumed.class),
            ticket("support.ticket.resolved.v1", TicketResolved.class),
            ticket("support.ticket.resolution-rejected.v1", ResolutionRejected.class),
            ticket("support.ticket.closed.v1", TicketClosed.class),
            new MessageType<>(
                    "support.command.rejected.v1",
                    CommandRejected.class,
                    Topics.TICKET_EVENTS,
                    CommandRejected::targetId,
                    CommandRejected::accountId),
            outage("support.outage.declared.v1", OutageDeclared.class),
            outage("support.outage.ended.v1", OutageEnded.class),
            outage("support.maintenance.scheduled.v1", MaintenanceScheduled.class),
            outage("support.maintenance.cancelled.v1", MaintenanceCancelled.class),
            sla("support.sla.clock-started.v1", ClockStarted.class),
            sla("support.sla.clock-paused.v1", ClockPaused.class),
            sla("support.sla.clock-resumed.v1", ClockResumed.class),
            sla("support.sla.clock-retargeted.v1", ClockRetargeted.class),
            sla("support.sla.warning.v1", SlaWarning.class),
            sla("support.sla.breached.v1", SlaBreached.class),
            sla("support.sla.met.v1", SlaMet.class),
            sla("support.sla.missed.v1", SlaMissed.class),
            new MessageType<>(
                    "support.escalation.decided.v1",
                    EscalationDecided.class,
                    Topics.ESCALATION_EVENTS,
                    EscalationDecided::ticketId,
                    EscalationDecided::accountId),
            notification("support.notification.sent.v1", NotificationSent.class),
            notification("support.notification.failed.v1", NotificationFailed.class),
            notification("support.notification.outage-notice-decided.v1", OutageNoticeDecided.class),
            notification("support.notification.maintenance-notice-judged.v1", MaintenanceNoticeJudged.class),
            notification("support.report.delivered.v1", ReportDelivered.class),
            account("support.account.registered.v1", AccountRegistered.class),
            account("support.account.updated.v1", AccountUpdated.class),
            new MessageType<>(
                    "support.audit.recorded.v1",
                    AuditRecorded.class,
                    Topics.AUDIT_EVENTS,
                    AuditRecorded::targetId,
                    AuditRecorded::accountId),
            new MessageType<>(
                    "support.report.issued.v1",
                    ReportIssued.class,
                    Topics.REPORT_EVENTS,
                    ReportIssued::accountId,
                    ReportIssued::accountId),
            new MessageType<>(
                    "support.sla.calendar-changed.v1",
                    CalendarChanged.class,
                    Topics.SLA_CONFIG,
                    e -> "calendar:" + e.calendarId(),
                    e -> null),
            new MessageType<>(
                    "support.sla.region-changed.v1",
                    RegionChanged.class,
                    Topics.SLA_CONFIG,
                    e -> "region:" + e.regionId(),
                    e -> null),
            new MessageType<>(
                    "support.sla.policy-changed.v1",
                    PolicyChanged.class,
                    Topics.SLA_CONFIG,
                    e -> "policy:" + e.policyId(),
                    e -> null));

    private static final List<MessageType<?>> COMMANDS = List.of(
            command("support.command.open-ticket.v1", OpenTicket.class),
            command("support.command.acknowledge-ticket.v1", AcknowledgeTicket.class),
            command("support.command.reclassify-severity.v1", ReclassifySeverity.class),
            command("support.command.request-severity-review.v1", RequestSeverityReview.class),
            command("support.command.add-message.v1", AddMessage.class),
            command("support.command.add-internal-note.v1", AddInternalNote.class),
            command("support.command.request-priority-handling.v1", RequestPriorityHandling.class),
            command("support.command.grant-priority-handling.v1", GrantPriorityHandling.class),
            command("support.command.refuse-priority-handling.v1", RefusePriorityHandling.class),
            command("support.command.transfer-ticket.v1", TransferTicket.class),
            command("support.command.escalate-ticket.v1", EscalateTicket.class),
            command("support.command.put-ticket-on-hold.v1", PutTicketOnHold.class),
            command("support.command.flag-scope.v1", FlagScope.class),
            command("support.command.resume-ticket.v1", ResumeTicket.class),
            command("support.command.resolve-ticket.v1", ResolveTicket.class),
            command("support.command.confirm-resolution.v1", ConfirmResolution.class),
            command("support.command.reject-resolution.v1", RejectResolution.class),
            command("support.command.close-ticket.v1", CloseTicket.class),
            command("support.command.declare-outage.v1", DeclareOutage.class),
            command("support.command.end-outage.v1", EndOutage.class),
            command("support.command.schedule-maintenance.v1", ScheduleMaintenance.class),
            command("support.command.cancel-maintenance.v1", CancelMaintenance.class),
            command("support.command.register-account.v1", RegisterAccount.class),
            command("support.command.update-account.v1", UpdateAccount.class),
            command("support.command.change-outage-notification-list.v1", ChangeOutageNotificationList.class));

    private static final Map<String, MessageType<?>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, MessageType<?>> BY_CLASS = new LinkedHashMap<>();

    static {
        for (List<MessageType<?>> group : List.of(EVENTS, COMMANDS)) {
            for (MessageType<?> t : group) {
                if (BY_TYPE.put(t.type(), t) != null || BY_CLASS.put(t.payloadClass(), t) != null) {
                    throw new IllegalStateException("Duplicate catalogue entry " + t.type());
                }
            }
        }
    }

    private Catalog() {}

    public static List<MessageType<?>> events() {
        return EVENTS;
    }

    public static List<MessageType<?>> commands() {
        return COMMANDS;
    }

    public static Optional<MessageType<?>> byType(String type) {
        return Optional.ofNullable(type).map(BY_TYPE::get);
    }

    public static MessageType<?> of(Class<?> payloadClass) {
        MessageType<?> t = BY_CLASS.get(payloadClass);
        if (t == null) {
            throw new IllegalArgumentException("Not in the catalogue: " + payloadClass.getName());
        }
        return t;
    }

    public static boolean contains(Class<?> payloadClass) {
        return BY_CLASS.containsKey(payloadClass);
    }

    private static <T extends TicketEvent> MessageType<T> ticket(String type, Class<T> c) {
        return new MessageType<>(type, c, Topics.TICKET_EVENTS, TicketEvent::ticketId, TicketEvent::accountId);
    }

    private static <T extends OutageEvent> MessageType<T> outage(String type, Class<T> c) {
        return new MessageType<>(type, c, Topics.TICKET_EVENTS, OutageEvent::outageId, e -> null);
    }

    private static <T extends SlaEvent> MessageType<T> sla(String type, Class<T> c) {
        return new MessageType<>(type, c, Topics.SLA_EVENTS, SlaEvent::ticketId, SlaEvent::accountId);
    }

    private static <T extends NotificationEvent> MessageType<T> notification(String type, Class<T> c) {
        return new MessageType<>(
                type, c, Topics.NOTIFICATION_EVENTS, NotificationEvent::subjectId, NotificationEvent::accountId);
    }

    private static <T extends AccountEvent> MessageType<T> account(String type, Class<T> c) {
        return new MessageType<>(type, c, Topics.ACCOUNT_EVENTS, AccountEvent::accountId, AccountEvent::accountId);
    }

    private static <T extends Command> MessageType<T> command(String type, Class<T> c) {
        Function<T, String> account = cmd ->
                cmd instanceof OpenTicket o ? o.accountId() : cmd instanceof AccountCommand a ? a.accountId() : null;
        return new MessageType<>(type, c, Topics.TICKET_COMMANDS, Command::targetId, account);
    }
}
