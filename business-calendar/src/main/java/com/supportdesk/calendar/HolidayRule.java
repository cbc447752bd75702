package com.supportdesk.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/** How a holiday falls in a given year. Movable feasts are computed, never typed in per year. */
public sealed interface HolidayRule {

    String name();

    /** The holiday's date in {@code year}, if it has one that year. */
    Optional<LocalDate> in(int year);

    /** Same day every year, e.g. Christmas (12-25). */
    record Fixed(String name, MonthDay day) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return day.isValidYear(year) ? Optional.of(day.atYear(year)) : Optional.empty();
        }
    }

    /** A number of days from Easter Sunday: Good Friday -2, Easter Monday +1, Ascension +39, Whit Monday +50. */
    record EasterOffset(String name, int days) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return Optional.of(Easter.sunday(year).plusDays(days));
        }
    }

    /** The n-th weekday of a month (n = 1..5), or the last one (n = -1): Thanksgiving, Memorial Day. */
    record NthWeekday(String name, int month, DayOfWeek weekday, int n) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            if (n == -1) {
                return Optional.of(first.with(TemporalAdjusters.lastInMonth(weekday)));
            }
            LocalDate date = first.with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
            return date.getMonthValue() == month ? Optional.of(date) : Optional.empty();
        }
    }

    /** One date, one year: a one-off closure day. */
    record OnDate(String name, LocalDate date) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return date.getYear() == year ? Optional.of(date) : Optional.empty();
        }
    }
}
