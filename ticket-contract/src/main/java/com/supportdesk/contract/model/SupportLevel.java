package com.supportdesk.contract.model;

/** Who works the ticket: the service desk (L1) or the L2 / L3 engineers. */
public enum SupportLevel {
    L1,
    L2,
    L3;

    /** Functional transfers move one level at a time, or straight back to the service desk. */
    public boolean mayTransferTo(SupportLevel target) {
        return target != this && (target == L1 || Math.abs(target.ordinal() - ordinal()) == 1);
    }
}
