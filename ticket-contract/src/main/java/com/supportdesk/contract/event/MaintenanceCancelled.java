package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import java.time.Instant;
import java.util.List;

@Description("A planned maintenance window was cancelled.")
public record MaintenanceCancelled(
        String outageId,
        String application,

        @Description("Accounts affected; empty means every account using the application.")
        List<String> affectedAccounts,

        @OptionalField String reason,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements OutageEvent {
    @Override
    public <R> R accept(OutageEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
