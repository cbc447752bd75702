package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

@Description(
        "A support calendar: weekly business hours in local time of an IANA zone, holidays and closures. The same JSON as the calendar files shipped with the platform.")
public record CalendarDefinition(
        @Description("Lower-case letters, digits and dashes.") @MaxLength(64)
        String id,

        @OptionalField @MaxLength(200) String name,

        @Description("IANA time zone, e.g. Europe/Brussels.")
        String zone,

        @Description(
                "Per day of the week, intervals HH:MM-HH:MM in local time; one ending at or before its start runs past midnight (22:00-06:00); 00:00-24:00 is the whole day.")
        Map<DayOfWeek, List<String>> hours,

        @OptionalField List<CalendarHoliday> holidays,

        @OptionalField @Description("Another calendar whose holidays this one also keeps.")
        String holidaysOf,

        @OptionalField List<CalendarClosure> closures) {}
