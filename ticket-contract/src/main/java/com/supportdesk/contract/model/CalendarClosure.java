package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.time.Instant;

@Description("A span of time during which the calendar is closed (an office closure): no clock on it runs.")
public record CalendarClosure(
        Instant from,
        Instant to,
        @OptionalField @MaxLength(500) String reason) {}
