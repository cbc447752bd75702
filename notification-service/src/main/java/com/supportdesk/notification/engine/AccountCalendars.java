package com.supportdesk.notification.engine;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.model.AccountProfile;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** An account's support-hours calendar (its region's; Europe's when unknown) and times shown in its zone. */
final class AccountCalendars {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final Calendars calendars;

    private final com.supportdesk.support.Regions regions;

    AccountCalendars(Calendars calendars, com.supportdesk.support.Regions regions) {
        this.calendars = calendars;
        this.regions = regions;
    }

    BusinessCalendar of(AccountProfile account) {
        // the region's calendar as sla-service configures it (a region never heard of: Europe's)
        return calendars.get(regions.calendarOf(account == null ? null : account.region(), "EUROPE"));
    }

    /** {@code t} as the account reads it, e.g. {@code 2026-03-02 09:30 (Europe/Paris)}; empty for no time. */
    String local(Instant t, AccountProfile account) {
        if (t == null) {
            return "";
        }
        ZoneId zone = of(account).zone();
        return WHEN.format(t.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
