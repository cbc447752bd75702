package com.supportdesk.reporting.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** One of the dashboard's counters, kept by the projector ({@code DashboardFigures} names them). */
@Entity
@Immutable // written only by the projector's own statements (ReadModelWriter)
@Table(name = "rpt_figure")
public class FigureRecord extends PanacheEntityBase {
    @Id
    @Column(length = 100)
    public String name;

    public long n;
}
