package com.supportdesk.reporting.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** The ticket read model: one row per ticket, folded from every service's events. */
@Entity
@Immutable // written only by the projector's own statements (Projector, Rows); readers never flush a change
@Table(
        name = "rpt_ticket",
        indexes = {
            @Index(name = "rpt_ticket_account_opened", columnList = "accountId, openedAt"),
            @Index(name = "rpt_ticket_account_opener", columnList = "accountId, openedBy, openedAt"),
            @Index(name = "rpt_ticket_status", columnList = "status, severity")
        })
public class TicketRecord extends PanacheEntityBase {
    @Id
    @Column(length = 255)
    public String ticketId;

    public String accountId;
    public String reference;
    /** The user who opened it (a customer's own tickets: {@code ?openedBy=}). */
    public String openedBy;

    @Column(length = 400)
    public String title;

    public String kind;
    public String severity;
    public String impact;
    public boolean priority;
    public String level;
    /** OPEN, ACKNOWLEDGED, ON_HOLD, RESOLVED, CLOSED. */
    public String status;

    public String application;
    /** The customer's urgency at opening (NONE, LOW, SERIOUS, CRITICAL), when given. */
    public String urgency;
    /** Outside the contract's standard scope (billable on request), with the reason of the latest flag. */
    public boolean nonStandard;

    @Column(length = 2000)
    public String scopeReason;

    public boolean escalated;
    public String escalatedTo;
    public boolean breached;
    /** Each clock's breach (SlaBreached of that clock). */
    public boolean responseBreached;

    public boolean resolutionBreached;
    /**
     * The running clock's deadline while the ticket is open, acknowledged or on hold (null otherwise): the response
     * clock's until acknowledged or measured, then the resolution clock's ({@code ReadModelFold.derive}).
     */
    public Instant dueAt;
    /** The account's plan level (STARS_3..STARS_5), kept here for the work queue's order. */
    public String planLevel;
    /** The ticket's place in the work queue while it waits (open or acknowledged), else null ({@code QueueKey}). */
    @Column(length = 400)
    public String queueKey;

    public Instant openedAt;
    public Instant acknowledgedAt;
    public Instant resolvedAt;
    public Instant closedAt;
    public Instant updatedAt;
    public Instant responseDeadline;
    public Instant resolutionDeadline;
    /** MET or MISSED once the response clock stopped. */
    public String responseOutcome;

    public String resolutionOutcome;
    /** Business time the response clock ran, in seconds (when it stopped). */
    public Long responseBusinessSeconds;

    public Long resolutionBusinessSeconds;
    /**
     * The last ticket-events sequence applied (-1: none yet, set by {@code ReadModelFold.newTicket}; no initializer
     * here, which would run when Hibernate instantiates a row to read it).
     */
    public long lastSequence;
}
