package com.supportdesk.sla.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.calendar.CalendarFile;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolidayImportTest {

    static final String FEED = String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example//Holidays//EN",
            "BEGIN:VEVENT",
            "UID:founders@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Founders' Day",
            "DTSTART;VALUE=DATE:20261214",
            "DTEND;VALUE=DATE:20261215",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:christmas@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Christmas",
            "DTSTART;VALUE=DATE:20201225",
            "RRULE:FREQ=YEARLY",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:boxing@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Boxing Day",
            "DTSTART;VALUE=DATE:20201226",
            "RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=26",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:thanksgiving@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Thanksgiving",
            "DTSTART;VALUE=DATE:20201126",
            "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:move@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Office move",
            "DTSTART;VALUE=DATE:20270611",
            "DTEND;VALUE=DATE:20270613",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:meeting@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:All-hands",
            "DTSTART:20261201T100000Z",
            "DTEND:20261201T110000Z",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:cancelled@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Picnic",
            "STATUS:CANCELLED",
            "DTSTART;VALUE=DATE:20270701",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:monthly@example.com",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Stock-taking",
            "DTSTART;VALUE=DATE:20270105",
            "RRULE:FREQ=MONTHLY",
            "END:VEVENT",
            "END:VCALENDAR",
            "");

    @Test
    void allDayEventsBecomeHolidaysAndTheRestIsSkippedWithTheReason() {
        List<CalendarFile.Holiday> existing =
                List.of(new CalendarFile.Holiday("Christmas Day", "12-25", null, null, null, null, null));

        HolidayImport.Result result = HolidayImport.read(FEED, existing);

        assertThat(result.added())
                .containsExactly(
                        new CalendarFile.Holiday(
                                "Founders' Day", null, null, null, null, null, LocalDate.of(2026, 12, 14)),
                        new CalendarFile.Holiday("Boxing Day", "12-26", null, null, null, null, null),
                        new CalendarFile.Holiday("Thanksgiving", null, null, 11, DayOfWeek.THURSDAY, 4, null),
                        new CalendarFile.Holiday(
                                "Office move", null, null, null, null, null, LocalDate.of(2027, 6, 11)),
                        new CalendarFile.Holiday(
                                "Office move", null, null, null, null, null, LocalDate.of(2027, 6, 12)));
        assertThat(result.skipped())
                .extracting(HolidayImport.Skipped::summary, s -> s.reason().split(":")[0])
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Christmas", "already a holiday"),
                        org.assertj.core.groups.Tuple.tuple("All-hands", "not an all-day event"),
                        org.assertj.core.groups.Tuple.tuple("Picnic", "cancelled"),
                        org.assertj.core.groups.Tuple.tuple("Stock-taking", "recurs as FREQ=MONTHLY"));
    }

    @Test
    void whatIsNotICalendarIsRefusedWithTheParsersReason() {
        assertThatThrownBy(() -> HolidayImport.read("BEGIN:VCALENDAR\r\nthis is not\r\n", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not iCalendar");
    }
}
