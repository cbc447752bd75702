package com.supportdesk.contract.command;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.time.Instant;
import java.util.List;

@Description("Operations declare an unplanned outage of an application.")
public record DeclareOutage(
        @Description("Outage or maintenance id (UUID).") @MaxLength(64)
        String outageId,

        @MaxLength(100) String application,

        @OptionalField
        @Description("Accounts affected; empty means every account using the application.")
        @MaxLength(1000)
        List<String> affectedAccounts,

        @Description("When the disruption started (may be before the declaration).")
        Instant startedAt,

        @MaxLength(2000) String description)
        implements OutageCommand {}
