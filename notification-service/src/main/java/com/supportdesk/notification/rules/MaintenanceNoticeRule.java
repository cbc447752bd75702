package com.supportdesk.notification.rules;

import com.supportdesk.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;

/**
 * Planned extended outages must be announced at least 10 business days before the window (business days of the
 * account's region); a schedule with less notice is flagged (emergency and security fixes: as much notice as
 * possible, flagged as such, not as late).
 */
public final class MaintenanceNoticeRule {
    public static final int NOTICE_BUSINESS_DAYS = 10;

    /** The notice given, in business days, and whether it is enough. */
    public record Notice(long businessDays, boolean sufficient, boolean emergency) {}

    private MaintenanceNoticeRule() {}

    public static Notice judge(Instant announcedAt, Instant windowStart, boolean emergency, BusinessCalendar hours) {
        long days = businessDaysBetween(announcedAt, windowStart, hours);
        return new Notice(days, emergency || days >= NOTICE_BUSINESS_DAYS, emergency);
    }

    /**
     * Business days (days with business hours, holidays excluded) from the announcement's date up to, not including,
     * the window's date: announced on a Monday for the Monday two weeks later is 10 business days of notice.
     */
    static long businessDaysBetween(Instant from, Instant to, BusinessCalendar hours) {
        if (!to.isAfter(from)) {
            return 0;
        }
        var zone = hours.zone();
        var day = from.atZone(zone).toLocalDate();
        var last = to.atZone(zone).toLocalDate();
        long count = 0;
        while (day.isBefore(last)) {
            Instant start = day.atStartOfDay(zone).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            if (hours.between(start, end).compareTo(Duration.ZERO) > 0) {
                count++;
            }
            day = day.plusDays(1);
        }
        return count;
    }
}
