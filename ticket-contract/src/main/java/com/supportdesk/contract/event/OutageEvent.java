package com.supportdesk.contract.event;

import java.time.Instant;

/** Something that happened to an unplanned outage or a planned maintenance window. */
public interface OutageEvent {
    String outageId();

    String application();

    Instant at();
}
