package com.supportdesk.sla.store;

import java.time.Instant;

/** A declared exceptional event (natural disaster and the like): the response clock does not run during it. */
public record ExceptionalEvent(
        long id, String calendar, Instant from, Instant to, String reason, String declaredBy, Instant declaredAt) {}
