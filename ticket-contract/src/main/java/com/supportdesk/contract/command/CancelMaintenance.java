package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;

@Description("Operations cancel a planned maintenance window.")
public record CancelMaintenance(
        @Description("Outage or maintenance id (UUID).") @MaxLength(64)
        String outageId,

        @OptionalField @MaxLength(2000) String reason)
        implements OutageCommand {}
