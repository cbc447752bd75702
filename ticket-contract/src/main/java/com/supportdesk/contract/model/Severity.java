package com.supportdesk.contract.model;

/** Severity of a ticket (docs/domain.md). The customer proposes, the service desk decides. */
public enum Severity {
    /** Production totally unavailable, or repeated malfunction with business impact. */
    SEV1,
    /** Reproducible problem or data inconsistency, no workaround. */
    SEV2,
    /** Reproducible or intermittent problem, a workaround exists. */
    SEV3,
    /** Information request, capability question, anything else. */
    SEV4;

    /** Sev 1 and Sev 2 tickets are priority tickets by default. */
    public boolean priorityByDefault() {
        return this == SEV1 || this == SEV2;
    }
}
