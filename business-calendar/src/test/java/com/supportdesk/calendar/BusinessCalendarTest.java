package com.supportdesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    static BusinessCalendar calendar(String zone, List<HolidayRule> holidays, String... weekdayIntervals) {
        Map<DayOfWeek, List<int[]>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getValue() <= 5) {
                hours.put(
                        d,
                        java.util.Arrays.stream(weekdayIntervals)
                                .map(CalendarFile::interval)
                                .toList());
            }
        }
        return new BusinessCalendar("test", "test", ZoneId.of(zone), hours, holidays, List.of());
    }

    static BusinessCalendar allWeek(String zone, List<HolidayRule> holidays) {
        Map<DayOfWeek, List<int[]>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.of(new int[] {0, 1440}));
        }
        return new BusinessCalendar("all-week", "all week", ZoneId.of(zone), hours, holidays, List.of());
    }

    static Instant utc(String t) {
        return Instant.parse(t + ":00Z");
    }

    @Test
    void anOpeningOrClosingTheClocksSkipHappensAtTheJump() {
        // Brussels, Sunday 2026-03-29: the clocks jump from 02:00 to 03:00 (01:00Z). Saturday's night shift would
        // end at 02:30 and Sunday's opens at 02:30, a reading that never shows: both happen at the jump.
        Map<DayOfWeek, List<int[]>> hours = new EnumMap<>(DayOfWeek.class);
        hours.put(DayOfWeek.SATURDAY, List.of(CalendarFile.interval("22:00-02:30")));
        hours.put(DayOfWeek.SUNDAY, List.of(CalendarFile.interval("02:30-05:00")));
        BusinessCalendar c =
                new BusinessCalendar("gap", "gap", ZoneId.of("Europe/Brussels"), hours, List.of(), List.of());

        // Saturday 22:00 CET (21:00Z) to the jump: 4 hours; the jump to 05:00 CEST (03:00Z): 2 hours
        assertThat(c.between(utc("2026-03-28T20:00"), utc("2026-03-29T01:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(c.between(utc("2026-03-29T01:00"), utc("2026-03-29T06:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(c.deadline(utc("2026-03-28T21:00"), Duration.ofHours(5))).isEqualTo(utc("2026-03-29T02:00"));
        assertThat(c.isOpen(utc("2026-03-29T01:00"))).isTrue();
        // no instant is counted twice: the week adds up to the two intervals' real length
        assertThat(c.between(utc("2026-03-23T00:00"), utc("2026-03-30T00:00"))).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aLongAmountOnAFewHoursAWeekIsReachedWhereDaylightSavingMakesWeeksLongerThanNominal() {
        // Havana changes its clocks at midnight: on fall-back Sundays 00:02-01:00 happens twice. Over decades the
        // real weeks outgrow the nominal ones, which once made the long jump give up and walk day by day (the
        // property test found it: "no business time in 4000 days")
        Map<DayOfWeek, List<int[]>> hours = new EnumMap<>(DayOfWeek.class);
        hours.put(DayOfWeek.SUNDAY, List.of(CalendarFile.interval("00:02-01:00")));
        BusinessCalendar c =
                new BusinessCalendar("havana", "havana", ZoneId.of("America/Havana"), hours, List.of(), List.of());
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        Duration amount = Duration.parse("PT2112H10M");

        Instant deadline = c.deadline(start, amount);

        assertThat(c.between(start, deadline)).isEqualTo(amount);
        assertThat(deadline).isAfter(Instant.parse("2060-01-01T00:00:00Z"));
    }

    @Test
    void anOvernightShiftRunsPastMidnight() {
        BusinessCalendar night = calendar("UTC", List.of(), "22:00-06:00");
        // Monday 2026-03-02 22:00 -> Tuesday 06:00 is Monday's shift.
        assertThat(night.deadline(utc("2026-03-02T23:00"), Duration.ofHours(3))).isEqualTo(utc("2026-03-03T02:00"));
        assertThat(night.deadline(utc("2026-03-03T01:00"), Duration.ofHours(2)))
                .as("starting inside the shift")
                .isEqualTo(utc("2026-03-03T03:00"));
        // Friday's shift ends on Saturday morning; the next one starts Monday evening.
        assertThat(night.deadline(utc("2026-03-07T05:00"), Duration.ofHours(2))).isEqualTo(utc("2026-03-09T23:00"));
        assertThat(night.isOpen(utc("2026-03-07T05:30"))).isTrue();
        assertThat(night.isOpen(utc("2026-03-08T05:30")))
                .as("Sunday morning: no Saturday shift")
                .isFalse();
    }

    @Test
    void aHolidayClosesTheWholeShiftThatStartsOnIt() {
        BusinessCalendar night = calendar(
                "UTC", List.of(new HolidayRule.OnDate("closed Monday", LocalDate.of(2026, 3, 2))), "22:00-06:00");
        assertThat(night.deadline(utc("2026-03-02T23:00"), Duration.ofHours(1))).isEqualTo(utc("2026-03-03T23:00"));
    }

    @Test
    void severalIntervalsADay() {
        BusinessCalendar split = calendar("UTC", List.of(), "08:00-12:00", "13:00-17:00");
        assertThat(split.deadline(utc("2026-03-02T11:00"), Duration.ofHours(2))).isEqualTo(utc("2026-03-02T14:00"));
        assertThat(split.between(utc("2026-03-02T00:00"), utc("2026-03-03T00:00")))
                .isEqualTo(Duration.ofHours(8));
        assertThat(split.isOpen(utc("2026-03-02T12:30"))).isFalse();
    }

    @Test
    void aRoundTheClockDayInBrusselsHas23HoursInSpringAnd25InAutumn() {
        BusinessCalendar plain = allWeek("Europe/Brussels", List.of());
        BusinessCalendar withHoliday =
                allWeek("Europe/Brussels", List.of(new HolidayRule.Fixed("New Year", java.time.MonthDay.of(1, 1))));
        ZoneId brussels = ZoneId.of("Europe/Brussels");
        Instant saturday =
                LocalDateTime.parse("2026-03-28T00:00").atZone(brussels).toInstant();
        Instant monday =
                LocalDateTime.parse("2026-03-30T00:00").atZone(brussels).toInstant();
        for (BusinessCalendar c : List.of(plain, withHoliday)) {
            assertThat(c.between(saturday, monday)).isEqualTo(Duration.ofHours(47));
            assertThat(c.deadline(saturday, Duration.ofHours(47))).isEqualTo(monday);
        }
        Instant octSaturday =
                LocalDateTime.parse("2026-10-24T00:00").atZone(brussels).toInstant();
        Instant octMonday =
                LocalDateTime.parse("2026-10-26T00:00").atZone(brussels).toInstant();
        assertThat(withHoliday.between(octSaturday, octMonday)).isEqualTo(Duration.ofHours(49));
        // Over half a year the long-range count applies the same correction: 180 days less the spring hour.
        Instant jan2 = LocalDateTime.parse("2026-01-02T00:00").atZone(brussels).toInstant();
        Instant jul1 = LocalDateTime.parse("2026-07-01T00:00").atZone(brussels).toInstant();
        assertThat(withHoliday.between(jan2, jul1)).isEqualTo(Duration.ofHours(180 * 24 - 1));
    }

    @Test
    void closuresStopTheClock() {
        BusinessCalendar europe = Calendars.shipped().get("europe");
        ZoneId z = europe.zone();
        Instant from = LocalDateTime.parse("2026-03-30T09:00").atZone(z).toInstant();
        Instant to = LocalDateTime.parse("2026-03-30T11:00").atZone(z).toInstant();
        BusinessCalendar closed = europe.withClosure(from, to);
        Instant start = LocalDateTime.parse("2026-03-30T08:00").atZone(z).toInstant();
        assertThat(closed.deadline(start, Duration.ofHours(2)))
                .isEqualTo(LocalDateTime.parse("2026-03-30T12:00").atZone(z).toInstant());
        assertThat(closed.between(
                        start, LocalDateTime.parse("2026-03-30T12:00").atZone(z).toInstant()))
                .isEqualTo(Duration.ofHours(2));
        assertThat(closed.isOpen(
                        LocalDateTime.parse("2026-03-30T10:00").atZone(z).toInstant()))
                .isFalse();
        // A closure also counts in the long-range path: a year less the two closed hours.
        Instant y0 = LocalDateTime.parse("2026-01-01T00:00").atZone(z).toInstant();
        Instant y1 = LocalDateTime.parse("2027-01-01T00:00").atZone(z).toInstant();
        assertThat(closed.between(y0, y1)).isEqualTo(europe.between(y0, y1).minusHours(2));
    }

    @Test
    void zeroBusinessTimeIsDueAtTheNextOpeningAndNegativeIsRefused() {
        BusinessCalendar europe = Calendars.shipped().get("europe");
        Instant sat = Instant.parse("2026-03-28T10:00:00Z");
        // started on a Saturday: due when business opens on Monday, 07:00 Brussels summer time
        assertThat(europe.deadline(sat, Duration.ZERO)).isEqualTo(Instant.parse("2026-03-30T05:00:00Z"));
        Instant tuesday = Instant.parse("2026-03-31T10:00:00Z");
        assertThat(europe.deadline(tuesday, Duration.ZERO)).isEqualTo(tuesday);
        assertThat(europe.between(sat, sat.minusSeconds(60))).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> europe.deadline(sat, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlappingHoursAreRefused() {
        assertThatThrownBy(() -> calendar("UTC", List.of(), "08:00-12:00", "11:00-13:00"))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> calendar("UTC", List.of(), "22:00-10:00", "08:00-09:00"))
                .as("Monday night runs into Tuesday morning's interval")
                .hasMessageContaining("overlap");
    }
}
