package com.supportdesk.reporting.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** An unplanned outage or a planned maintenance window, per application. */
@Entity
@Immutable // written only by the projector's own statements (Projector, Rows); readers never flush a change
@Table(name = "rpt_outage")
public class OutageRecord extends PanacheEntityBase {
    @Id
    @Column(length = 255)
    public String outageId;

    public String application;
    public boolean planned;
    public boolean cancelled;
    /** Accounts affected, comma-separated; empty: every account using the application. */
    @Column(length = 4000)
    public String affectedAccounts;

    public Instant startedAt;
    public Instant endedAt;
}
