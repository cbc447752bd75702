package com.supportdesk.ticket.command;

import com.supportdesk.contract.command.CancelMaintenance;
import com.supportdesk.contract.command.DeclareOutage;
import com.supportdesk.contract.command.EndOutage;
import com.supportdesk.contract.command.ScheduleMaintenance;
import com.supportdesk.contract.event.MaintenanceCancelled;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.contract.event.OutageEnded;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An unplanned outage or a planned maintenance window of one application. Notification rules (30 minutes, 10
 * business days) are decided downstream by notification-service; this aggregate keeps the facts straight.
 */
public class Outage {

    private enum Kind {
        UNPLANNED,
        PLANNED
    }

    private enum State {
        ONGOING,
        ENDED,
        SCHEDULED,
        CANCELLED
    }

    @AggregateIdentifier
    private String outageId;

    private Kind kind;
    private State state;
    private String application;
    private List<String> affectedAccounts;
    private Instant startedAt;

    protected Outage() {
        // for Axon
    }

    @CommandHandler
    public Outage(DeclareOutage cmd, MetaData meta, Clock clock) {
        Instant now = clock.instant();
        if (cmd.startedAt().isAfter(now)) {
            throw new RuleViolation(
                    "start-in-future",
                    "An unplanned outage cannot start in the future; " + "schedule a maintenance window instead");
        }
        apply(new OutageDeclared(
                cmd.outageId(),
                cmd.application(),
                accounts(cmd.affectedAccounts()),
                cmd.startedAt(),
                cmd.description(),
                Actor.from(meta).userId(),
                now));
    }

    @CommandHandler
    public Outage(ScheduleMaintenance cmd, MetaData meta, Clock clock) {
        if (!cmd.windowEnd().isAfter(cmd.windowStart())) {
            throw new RuleViolation("empty-window", "The maintenance window must end after it starts");
        }
        apply(new MaintenanceScheduled(
                cmd.outageId(),
                cmd.application(),
                accounts(cmd.affectedAccounts()),
                cmd.windowStart(),
                cmd.windowEnd(),
                Boolean.TRUE.equals(cmd.emergency()),
                cmd.description(),
                Actor.from(meta).userId(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(EndOutage cmd, MetaData meta, Clock clock) {
        if (kind != Kind.UNPLANNED) {
            throw new RuleViolation("not-an-outage", outageId + " is a planned maintenance window, not an outage");
        }
        if (state == State.ENDED) {
            throw new RuleViolation("already-ended", "Outage " + outageId + " has already ended");
        }
        if (cmd.endedAt().isBefore(startedAt)) {
            throw new RuleViolation("ends-before-start", "An outage cannot end before it started (" + startedAt + ")");
        }
        apply(new OutageEnded(
                outageId,
                application,
                affectedAccounts,
                startedAt,
                cmd.endedAt(),
                cmd.summary(),
                Actor.from(meta).userId(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(CancelMaintenance cmd, MetaData meta, Clock clock) {
        if (kind != Kind.PLANNED) {
            throw new RuleViolation("not-maintenance", outageId + " is an unplanned outage; end it instead");
        }
        if (state == State.CANCELLED) {
            throw new RuleViolation("already-cancelled", "Maintenance " + outageId + " is already cancelled");
        }
        apply(new MaintenanceCancelled(
                outageId,
                application,
                affectedAccounts,
                cmd.reason(),
                Actor.from(meta).userId(),
                clock.instant()));
    }

    private static List<String> accounts(List<String> affected) {
        return affected == null ? List.of() : List.copyOf(affected);
    }

    private static void apply(Object event) {
        org.axonframework.modelling.command.AggregateLifecycle.apply(event);
    }

    @EventSourcingHandler
    void on(OutageDeclared e) {
        outageId = e.outageId();
        kind = Kind.UNPLANNED;
        state = State.ONGOING;
        application = e.application();
        affectedAccounts = e.affectedAccounts();
        startedAt = e.startedAt();
    }

    @EventSourcingHandler
    void on(OutageEnded e) {
        state = State.ENDED;
    }

    @EventSourcingHandler
    void on(MaintenanceScheduled e) {
        outageId = e.outageId();
        kind = Kind.PLANNED;
        state = State.SCHEDULED;
        application = e.application();
        affectedAccounts = e.affectedAccounts();
        startedAt = e.windowStart();
    }

    @EventSourcingHandler
    void on(MaintenanceCancelled e) {
        state = State.CANCELLED;
    }
}
