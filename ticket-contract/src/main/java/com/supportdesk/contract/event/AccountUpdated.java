package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.model.AccountProfile;
import java.time.Instant;

@Description("A client account changed (full state).")
public record AccountUpdated(
        String accountId,
        AccountProfile profile,

        @Description("User id of who did it (or the service identity).")
        String by,

        Instant at)
        implements AccountEvent {
    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
