package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.model.AccountProfile;

@Description("Register a client account with its contract, contacts and outage list.")
public record RegisterAccount(
        @Description("Client account id.") @MaxLength(64) String accountId, AccountProfile profile)
        implements AccountCommand {}
