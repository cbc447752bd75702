package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import java.time.Instant;
import java.util.List;

@Description("A planned maintenance window was scheduled.")
public record MaintenanceScheduled(
        String outageId,
        String application,

        @Description("Accounts affected; empty means every account using the application.")
        List<String> affectedAccounts,

        Instant windowStart,
        Instant windowEnd,
        boolean emergency,
        String description,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements OutageEvent {
    @Override
    public <R> R accept(OutageEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
