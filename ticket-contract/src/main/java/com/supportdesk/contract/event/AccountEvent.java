package com.supportdesk.contract.event;

import com.supportdesk.contract.model.AccountProfile;
import java.time.Instant;

/** The full, latest state of a client account (published on the compacted {@code account-events} topic). */
public interface AccountEvent {
    String accountId();

    AccountProfile profile();

    Instant at();
}
