package com.supportdesk.contract.model;

public enum ResolutionKind {
    FIXED,
    WORKAROUND,
    ANSWERED,
    /** L3 decided it is an enhancement request: it goes to the account manager. */
    ENHANCEMENT_REQUEST,
    NO_FAULT_FOUND,
    DUPLICATE
}
