package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.time.Instant;

@Description("Operations end an unplanned outage.")
public record EndOutage(
        @Description("Outage or maintenance id (UUID).") @MaxLength(64)
        String outageId,

        Instant endedAt,
        @OptionalField @MaxLength(2000) String summary)
        implements OutageCommand {}
