package com.supportdesk.reporting.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * What the reports need of an account: its name, region (for the month's time zone), plan, applications and plan level
 * (the work queue's order).
 */
@Entity
@Immutable // written only by the projector's own statements (Projector, Rows); readers never flush a change
@Table(name = "rpt_account")
public class AccountRecord extends PanacheEntityBase {
    @Id
    @Column(length = 255)
    public String accountId;

    public String name;
    public String region;
    public String supportPlan;
    /** Comma-separated application names. */
    @Column(length = 4000)
    public String applications;
    /** STARS_3, STARS_4 or STARS_5 (STARS_3 when the profile names none). */
    public String planLevel;
    /** The support language (EN, FR, ...): its tickets' words are stemmed in it for search. */
    public String language;
}
