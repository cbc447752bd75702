package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.CalendarDefinition;
import java.time.Instant;
import java.util.List;

@Description(
        "A support calendar was created, replaced or deleted (sla-service owns them). Carries the whole new version; it takes effect at `at` and never re-counts business time before it. Key: calendar:<id>.")
public record CalendarChanged(
        String calendarId,

        @Description("1 for the first version, one more for each change.")
        int version,

        @Description("true: the calendar no longer exists (calendar is absent).")
        boolean deleted,

        @OptionalField CalendarDefinition calendar,

        @Description(
                "What changed from the previous version, one line each (e.g. \"holiday added: Founders' Day on 2026-12-14\").")
        List<String> changes,

        @Description("User id of who changed it; \"sla-service\" for the shipped calendars.")
        String changedBy,

        Instant at) {}
