package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.model.AccountProfile;

@Description("Replace the state of a client account (full state, as published on the compacted topic).")
public record UpdateAccount(
        @Description("Client account id.") @MaxLength(64) String accountId, AccountProfile profile)
        implements AccountCommand {}
