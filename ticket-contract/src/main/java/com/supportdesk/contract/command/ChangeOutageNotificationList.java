package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import java.util.List;

@Description(
        "Replace a client account's outage notification list (its designated contacts manage it). Published as the account's new full profile (support.account.updated.v1).")
public record ChangeOutageNotificationList(
        @Description("Client account id.") @MaxLength(64) String accountId,

        @Description("E-mail addresses told about unplanned outages and planned maintenance.") @MaxLength(200)
        List<String> addresses)
        implements AccountCommand {}
