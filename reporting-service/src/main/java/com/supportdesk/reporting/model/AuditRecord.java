package com.supportdesk.reporting.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One entry of the audit trail ({@code support.audit.recorded.v1}), as {@code GET /api/audit} shows it. */
@Entity
@Immutable // written only by AuditLog's statements
@Table(
        name = "rpt_audit",
        indexes = {
            @Index(name = "rpt_audit_at", columnList = "at"),
            @Index(name = "rpt_audit_actor_at", columnList = "actor, at")
        })
public class AuditRecord extends PanacheEntityBase {
    @Id
    @Column(length = 255)
    public String auditId;

    public Instant at;

    @Column(length = 255)
    public String action;

    @Column(length = 255)
    public String service;

    @Column(length = 255)
    public String actor;

    @Column(length = 255)
    public String actorName;
    /** Comma-separated. */
    @Column(length = 1000)
    public String actorRoles;

    @Column(length = 255)
    public String clientId;

    @Column(length = 255)
    public String address;

    @Column(length = 255)
    public String targetKind;

    @Column(length = 255)
    public String targetId;

    @Column(length = 255)
    public String accountId;
    /** The details as a JSON array of {name, value}. */
    @Column(length = 100_000)
    public String details;
}
