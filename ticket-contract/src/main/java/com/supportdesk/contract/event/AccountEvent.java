package com.supportdesk.contract.event;

import com.supportdesk.contract.model.AccountProfile;
import java.time.Instant;

/** The full, latest state of a client account (published on the compacted {@code account-events} topic). */
public sealed interface AccountEvent permits AccountRegistered, AccountUpdated {
    String accountId();

    AccountProfile profile();

    Instant at();

    /** User id of who registered or changed the account. */
    String by();

    /** Calls the {@link Visitor} method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per account event. A consumer that implements it has decided what every type means to it, and a new
     * event type fails compilation until each consumer does.
     */
    interface Visitor<R> {
        R on(AccountRegistered event);

        R on(AccountUpdated event);
    }
}
