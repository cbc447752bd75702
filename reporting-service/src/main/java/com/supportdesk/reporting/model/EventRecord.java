package com.supportdesk.reporting.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * Every event the projections applied, by its CloudEvents id: the timeline of a ticket across all services, and the
 * reason a redelivered or replayed event changes nothing (its id is already here).
 */
@Entity
@Immutable // written only by the projector's own statements (Projector, Rows); readers never flush a change
@Table(name = "rpt_event", indexes = @Index(name = "rpt_event_subject", columnList = "subject, time"))
public class EventRecord extends PanacheEntityBase {
    @Id
    @Column(length = 300)
    public String eventId;

    public String subject;
    public String topic;
    public String type;
    public String source;
    public Instant time;
    public Long sequence;

    @Column(columnDefinition = "text")
    public String data;
}
