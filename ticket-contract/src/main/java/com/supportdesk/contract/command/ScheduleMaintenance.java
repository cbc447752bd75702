package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.time.Instant;
import java.util.List;

@Description(
        "Operations schedule a planned maintenance window (notice of at least 10 business days, unless emergency).")
public record ScheduleMaintenance(
        @Description("Outage or maintenance id (UUID).") @MaxLength(64)
        String outageId,

        @MaxLength(100) String application,
        @OptionalField @MaxLength(1000) List<String> affectedAccounts,
        Instant windowStart,
        Instant windowEnd,

        @OptionalField @Description("Emergency or security fix: as much notice as reasonably possible.")
        Boolean emergency,

        @MaxLength(2000) String description)
        implements OutageCommand {}
