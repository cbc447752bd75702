package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import java.time.Instant;
import java.util.List;

@Description("An unplanned outage ended.")
public record OutageEnded(
        String outageId,
        String application,

        @Description("Accounts affected; empty means every account using the application.")
        List<String> affectedAccounts,

        Instant startedAt,
        Instant endedAt,
        @OptionalField String summary,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements OutageEvent {
    @Override
    public <R> R accept(OutageEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
