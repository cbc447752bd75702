package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.time.DayOfWeek;
import java.time.LocalDate;

@Description(
        "A day the calendar is closed. Exactly one of: date (the same day every year), easterOffset (days from Easter Sunday), nth with month and weekday (e.g. the 4th Thursday of November; -1 is the last), on (one date).")
public record CalendarHoliday(
        @MaxLength(200) String name,
        @OptionalField @Description("MM-DD, every year.") String date,
        @OptionalField Integer easterOffset,
        @OptionalField Integer month,
        @OptionalField DayOfWeek weekday,
        @OptionalField Integer nth,
        @OptionalField LocalDate on) {}
