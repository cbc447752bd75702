package com.supportdesk.reporting.report;

import com.supportdesk.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * When a month's report is due to its designated contacts: at the opening of the {@code businessDay}-th business day
 * of the next month on the account's support calendar (holidays and weekends do not count), and never later than the
 * start of the 10th day after month end, the agreement's limit. Pure.
 */
public final class MonthlySchedule {
    /** The agreement: no later than ten days after month end. */
    public static final int LATEST_DAY = 10;

    private MonthlySchedule() {}

    public static Instant dueAt(BusinessCalendar calendar, YearMonth month, int businessDay) {
        if (businessDay < 1 || businessDay > LATEST_DAY) {
            throw new IllegalArgumentException("the business day must be 1 to " + LATEST_DAY + ", not " + businessDay);
        }
        ZoneId zone = calendar.zone();
        LocalDate first = month.plusMonths(1).atDay(1);
        Instant latest = first.plusDays(LATEST_DAY - 1).atStartOfDay(zone).toInstant();
        int counted = 0;
        for (LocalDate day = first; day.isBefore(first.plusDays(LATEST_DAY - 1)); day = day.plusDays(1)) {
            Instant opening = openingOn(calendar, day, zone);
            if (opening != null && ++counted == businessDay) {
                return opening.isBefore(latest) ? opening : latest;
            }
        }
        return latest;
    }

    /** The first open instant of {@code day}, or null when the calendar does not open that day. */
    static Instant openingOn(BusinessCalendar calendar, LocalDate day, ZoneId zone) {
        Instant start = day.atStartOfDay(zone).toInstant();
        // the first millisecond of business time at or after midnight ends one millisecond after the opening
        Instant opening = calendar.deadline(start, Duration.ofMillis(1)).minusMillis(1);
        return opening.isBefore(day.plusDays(1).atStartOfDay(zone).toInstant()) ? opening : null;
    }
}
