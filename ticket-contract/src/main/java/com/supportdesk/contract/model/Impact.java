package com.supportdesk.contract.model;

/** Business impact of the tiered agreement: critical impact runs on a 24/7 clock. */
public enum Impact {
    STANDARD,
    CRITICAL
}
