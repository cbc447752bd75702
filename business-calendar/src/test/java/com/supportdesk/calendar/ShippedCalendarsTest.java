package com.supportdesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Business-time arithmetic of the shipped calendars, each expectation computed by hand from the real calendars
 * (Easter 2026 = April 5, Easter 2027 = March 28; Europe changes clocks on 2026-03-29 and 2026-10-25, the US on
 * 2026-03-08 and 2026-11-01).
 */
class ShippedCalendarsTest {

    static final Calendars CALENDARS = Calendars.shipped();

    static Instant local(String calendar, String dateTime) {
        return LocalDateTime.parse(dateTime)
                .atZone(CALENDARS.get(calendar).zone())
                .toInstant();
    }

    @ParameterizedTest(name = "{0}: {1} + {2}h business = {3}")
    @CsvSource({
        // Europe, Brussels 07:00-17:00
        "europe, 2026-03-30T08:15, 1, 2026-03-30T09:15, plain Monday morning",
        "europe, 2026-03-27T16:30, 1, 2026-03-30T07:30, across the March daylight-saving weekend",
        "europe, 2026-10-23T16:00, 2, 2026-10-26T08:00, across the October daylight-saving weekend",
        "europe, 2026-04-03T16:00, 2, 2026-04-07T08:00, Easter Monday 2026",
        "europe, 2027-03-26T16:00, 2, 2027-03-30T08:00, Easter Monday 2027 on the daylight-saving weekend",
        "europe, 2026-05-13T16:00, 2, 2026-05-15T08:00, Ascension 2026",
        "europe, 2027-05-05T16:00, 2, 2027-05-07T08:00, Ascension 2027",
        "europe, 2026-05-22T16:00, 2, 2026-05-26T08:00, Whit Monday 2026",
        "europe, 2027-05-14T16:00, 2, 2027-05-18T08:00, Whit Monday 2027",
        "europe, 2026-04-30T16:00, 2, 2026-05-04T08:00, Labour Day on a Friday",
        "europe, 2026-12-24T16:00, 3, 2026-12-28T09:00, Christmas",
        "europe, 2026-12-31T16:00, 2, 2027-01-04T08:00, across the year end and New Year's Day",
        "europe, 2026-03-28T10:00, 1, 2026-03-30T08:00, opened on a Saturday",
        "europe, 2026-03-30T06:00, 1, 2026-03-30T08:00, opened before opening time",
        "europe, 2026-03-30T16:00, 1, 2026-03-30T17:00, ends exactly at closing time",
        "europe, 2026-12-21T07:00, 80, 2026-12-31T17:00, Sev 3 resolution objective over Christmas",
        // Americas, Houston (America/Chicago) 07:00-17:00
        "americas, 2026-11-25T16:00, 2, 2026-11-27T08:00, Thanksgiving 2026",
        "americas, 2027-11-24T16:00, 2, 2027-11-26T08:00, Thanksgiving 2027",
        "americas, 2026-05-22T16:00, 2, 2026-05-26T08:00, Memorial Day 2026",
        "americas, 2027-05-28T16:00, 2, 2027-06-01T08:00, Memorial Day 2027",
        "americas, 2026-10-30T16:00, 2, 2026-11-02T08:00, across the November daylight-saving weekend",
        "americas, 2026-03-06T16:00, 2, 2026-03-09T08:00, across the March daylight-saving weekend",
        "americas, 2026-04-02T16:00, 2, 2026-04-06T08:00, Good Friday 2026",
        "americas, 2026-07-03T16:00, 2, 2026-07-06T08:00, Independence Day 2026 falls on a Saturday",
        // Asia, Manila 07:00-17:00, no daylight saving
        "asia, 2026-12-31T16:00, 2, 2027-01-04T08:00, New Year's Day",
        "asia, 2026-12-29T16:00, 2, 2026-12-31T08:00, Rizal Day",
        "asia, 2026-04-01T16:00, 2, 2026-04-06T08:00, Maundy Thursday and Good Friday 2026",
        // Tiered agreement, 09:00-17:30
        "tiered-europe, 2026-03-27T17:00, 1, 2026-03-30T09:30, tiered hours across the weekend",
        "tiered-europe, 2026-04-03T17:00, 1, 2026-04-07T09:30, tiered hours keep the regional holidays",
        "tiered-americas, 2026-11-25T17:00, 1, 2026-11-27T09:30, tiered hours on Thanksgiving",
    })
    void deadlines(String calendar, String start, int hours, String expected, String why) {
        BusinessCalendar c = CALENDARS.get(calendar);
        Instant from = local(calendar, start);
        Instant deadline = c.deadline(from, Duration.ofHours(hours));
        assertThat(deadline).as(why).isEqualTo(local(calendar, expected));
        assertThat(c.between(from, deadline)).as(why + " (elapsed)").isEqualTo(Duration.ofHours(hours));
    }

    @Test
    void aYearOfEuropeanSupportHasTheHandCountedBusinessHours() {
        // 2026: 261 weekdays; New Year, Easter Monday, Labour Day, Ascension, Whit Monday and Christmas are weekdays.
        assertThat(CALENDARS
                        .get("europe")
                        .between(local("europe", "2026-01-01T00:00"), local("europe", "2027-01-01T00:00")))
                .isEqualTo(Duration.ofHours((261 - 6) * 10));
    }

    @Test
    void theAsianCalendarKeepsToAtMostFiveHolidaysAYear() {
        assertThat(CALENDARS.get("asia").holidaysIn(2026)).hasSize(5);
        assertThat(CALENDARS.get("americas").holidaysIn(2026))
                .contains(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 5, 25), LocalDate.of(2026, 4, 3));
        assertThat(CALENDARS.get("europe").holidaysIn(2027))
                .contains(LocalDate.of(2027, 3, 29), LocalDate.of(2027, 5, 6), LocalDate.of(2027, 5, 17));
    }

    @Test
    void theAlwaysOpenCalendarCountsEveryMinute() {
        BusinessCalendar c = CALENDARS.get("always-open");
        Instant start = Instant.parse("2026-03-28T12:00:00Z");
        assertThat(c.deadline(start, Duration.ofHours(36))).isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
        assertThat(c.between(start, Instant.parse("2026-03-29T12:00:00Z"))).isEqualTo(Duration.ofHours(24));
        assertThat(c.isOpen(Instant.parse("2026-12-25T03:00:00Z"))).isTrue();
    }

    @Test
    void isOpenFollowsHoursHolidaysAndZones() {
        BusinessCalendar europe = CALENDARS.get("europe");
        assertThat(europe.isOpen(local("europe", "2026-03-30T07:00"))).isTrue();
        assertThat(europe.isOpen(local("europe", "2026-03-30T17:00"))).isFalse();
        assertThat(europe.isOpen(local("europe", "2026-04-06T10:00")))
                .as("Easter Monday")
                .isFalse();
        assertThat(europe.isOpen(local("europe", "2026-03-28T10:00")))
                .as("Saturday")
                .isFalse();
        assertThat(CALENDARS.get("asia").isOpen(Instant.parse("2026-03-30T00:30:00Z")))
                .as("08:30 in Manila")
                .isTrue();
    }

    @Test
    void theZoneOfEachRegionIsTheAgreedOne() {
        assertThat(CALENDARS.get("europe").zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
        assertThat(CALENDARS.get("americas").zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(CALENDARS.get("asia").zone()).isEqualTo(ZoneId.of("Asia/Manila"));
        assertThat(CALENDARS.all()).hasSize(Calendars.SHIPPED.size());
    }
}
