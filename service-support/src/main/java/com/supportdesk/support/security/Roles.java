package com.supportdesk.support.security;

import java.util.Set;

/** The realm roles of Keycloak's realm {@code support} (docs/domain.md, "People and roles"). */
public final class Roles {
    /** End user of a client account. */
    public static final String CUSTOMER = "customer";
    /** Designated support contact of a client account. */
    public static final String CDSC = "cdsc";
    /** Service desk (L1). */
    public static final String AGENT = "agent";
    /** L2 / L3 engineer. */
    public static final String ENGINEER = "engineer";
    /** Strategic account manager. */
    public static final String SAM = "sam";
    /** Vendor operations. */
    public static final String OPS = "ops";
    /** Integration partner: reads the accounts it is entitled to. */
    public static final String PARTNER = "partner";
    /** Vendor administrator: accounts, contracts, calendars, policies. */
    public static final String ADMIN = "admin";
    /** A service of the platform acting on its own behalf (escalation-service's commands). */
    public static final String SERVICE = "service";

    /** The vendor's side: not bound to one client account. */
    public static final Set<String> VENDOR = Set.of(AGENT, ENGINEER, SAM, OPS, ADMIN, SERVICE);

    private Roles() {}
}
