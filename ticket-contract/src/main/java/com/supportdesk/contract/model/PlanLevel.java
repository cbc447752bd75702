package com.supportdesk.contract.model;

/**
 * The service programme of an account's subscription (the customer-space agreement): how the customer reaches support,
 * and one of the three things, with arrival and urgency, that decide the order in which tickets are worked.
 */
public enum PlanLevel {
    /** Three stars: the customer portal only. */
    STARS_3,
    /** Four stars: the portal and the support line. */
    STARS_4,
    /** Five stars: the portal and the support line, with extended hours. */
    STARS_5;

    /** The level an account has when its profile names none. */
    public static PlanLevel orDefault(PlanLevel level) {
        return level == null ? STARS_3 : level;
    }

    /** 3, 4 or 5. */
    public int stars() {
        return ordinal() + 3;
    }
}
