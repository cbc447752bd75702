package com.supportdesk.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When a month's report is due: the n-th business day after month end, never after the 10th. */
class MonthlyScheduleTest {
    static final BusinessCalendar EUROPE = Calendars.shipped().get("europe");
    static final BusinessCalendar ASIA = Calendars.shipped().get("asia");

    static Instant at(String local, String zone) {
        return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
    }

    @Test
    void theFifthBusinessDayAtOpeningInTheAccountsZone() {
        // November 2026 starts on a Sunday: Monday 2 is the first business day, Friday 6 the fifth
        assertThat(MonthlySchedule.dueAt(EUROPE, YearMonth.of(2026, 10), 5))
                .isEqualTo(at("2026-11-06T07:00", "Europe/Brussels"));
        assertThat(MonthlySchedule.dueAt(ASIA, YearMonth.of(2026, 10), 5))
                .isEqualTo(at("2026-11-06T07:00", "Asia/Manila"));
        assertThat(MonthlySchedule.dueAt(EUROPE, YearMonth.of(2026, 10), 1))
                .isEqualTo(at("2026-11-02T07:00", "Europe/Brussels"));
    }

    @Test
    void holidaysDoNotCountAndTheTenthIsTheLimit() {
        // New Year's Day 2027 is a Friday and a holiday: business days are 4 to 8 January
        assertThat(MonthlySchedule.dueAt(EUROPE, YearMonth.of(2026, 12), 5))
                .isEqualTo(at("2027-01-08T07:00", "Europe/Brussels"));
        // a sixth business day would be Monday 11 January: the agreement's limit, the 10th, comes first
        assertThat(MonthlySchedule.dueAt(EUROPE, YearMonth.of(2026, 12), 6))
                .isEqualTo(at("2027-01-10T00:00", "Europe/Brussels"));
        assertThatThrownBy(() -> MonthlySchedule.dueAt(EUROPE, YearMonth.of(2026, 12), 11))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonthlySchedule.dueAt(EUROPE, YearMonth.of(2026, 12), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
