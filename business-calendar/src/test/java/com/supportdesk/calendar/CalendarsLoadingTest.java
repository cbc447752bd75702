package com.supportdesk.calendar;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mistake in a calendar file stops the start with the file, the line and the reason. */
class CalendarsLoadingTest {

    static void load(String json) {
        Calendars.parse(Map.of("calendars/broken.json", json));
    }

    @Test
    void anUnknownZoneIsNamedWithFileAndLine() {
        assertThatThrownBy(() -> load("""
                {
                  "id": "x",
                  "zone": "Europe/Brusels",
                  "hours": {"MONDAY": ["07:00-17:00"]}
                }"""))
                .hasMessageStartingWith("calendars/broken.json line ")
                .hasMessageContaining("unknown time zone 'Europe/Brusels'");
    }

    @Test
    void aBadIntervalOrHolidayIsNamed() {
        assertThatThrownBy(() -> load("{\"id\": \"x\", \"zone\": \"UTC\", \"hours\": {\"MONDAY\": [\"7-17\"]}}"))
                .hasMessageContaining("calendars/broken.json")
                .hasMessageContaining("interval '7-17': '7' is not HH:MM");
        assertThatThrownBy(() -> load("""
                {"id": "x", "zone": "UTC", "hours": {"MONDAY": ["07:00-17:00"]},
                 "holidays": [{"name": "Odd", "date": "12-25", "easterOffset": 1}]}""")).hasMessageContaining("line 2").hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> load("{\"id\": \"x\", \"zone\": \"UTC\", \"hours\": {\"MONDAY\": [\"07:00-17:00\"]},"
                        + " \"holidaysOf\": \"mars\"}"))
                .hasMessageContaining("holidaysOf 'mars' is not a known calendar");
        assertThatThrownBy(() -> load("{\"id\": \"x\", \"zone\": \"UTC\", \"hours\": {\"FUNDAY\": [\"07:00-17:00\"]}}"))
                .hasMessageContaining("calendars/broken.json line 1");
    }

    static InvalidCalendarException invalid(String json) {
        try {
            Calendars.build(Calendars.definition(json), id -> java.util.Optional.empty());
        } catch (InvalidCalendarException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void aDefinitionsMistakeNamesTheField() {
        String hours = "\"hours\": {\"MONDAY\": [\"07:00-17:00\"]}";
        org.assertj.core.api.Assertions.assertThat(invalid("{\"id\": \"x\", \"zone\": \"Mars/Olympus\", " + hours + "}")
                        .field())
                .isEqualTo("zone");
        InvalidCalendarException interval = invalid(
                "{\"id\": \"x\", \"zone\": \"UTC\", \"hours\": {\"MONDAY\": [\"07:00-17:00\", \"25:00-26:00\"]}}");
        org.assertj.core.api.Assertions.assertThat(interval.field()).isEqualTo("hours.MONDAY[1]");
        org.assertj.core.api.Assertions.assertThat(interval.reason()).contains("'25:00' is not a time of day");
        org.assertj.core.api.Assertions.assertThat(invalid(
                                "{\"id\": \"x\", \"zone\": \"UTC\", " + hours
                                        + ", \"holidays\": [{\"name\": \"A\", \"on\": \"2026-12-14\"}, {\"name\": \"B\", \"date\": \"13-40\"}]}")
                        .field())
                .isEqualTo("holidays[1].date");
        org.assertj.core.api.Assertions.assertThat(invalid("{\"id\": \"x\", \"zone\": \"UTC\", " + hours
                                + ", \"holidays\": [{\"name\": \"A\", \"on\": \"2026-02-30\"}]}")
                        .field())
                .isEqualTo("holidays[0].on");
        org.assertj.core.api.Assertions.assertThat(
                        invalid("{\"id\": \"x\", \"zone\": \"UTC\", " + hours + ", \"holidaysOf\": \"mars\"}")
                                .field())
                .isEqualTo("holidaysOf");
        org.assertj.core.api.Assertions.assertThat(invalid(
                                "{\"id\": \"x\", \"zone\": \"UTC\", \"hours\": {\"MONDAY\": [\"07:00-17:00\", \"16:00-18:00\"]}}")
                        .field())
                .isEqualTo("hours");
        org.assertj.core.api.Assertions.assertThat(invalid(
                                "{\"id\": \"x\", \"zone\": \"UTC\", " + hours
                                        + ", \"closures\": [{\"from\": \"2026-12-14T10:00:00Z\", \"to\": \"2026-12-14T09:00:00Z\"}]}")
                        .field())
                .isEqualTo("closures[0].from");
    }

    @Test
    void aChangeIsDescribedLineByLine() {
        CalendarFile before =
                Calendars.definition("{\"id\": \"x\", \"zone\": \"UTC\", \"hours\": {\"MONDAY\": [\"07:00-17:00\"]},"
                        + " \"holidays\": [{\"name\": \"Christmas Day\", \"date\": \"12-25\"}]}");
        CalendarFile after = Calendars.definition(
                "{\"id\": \"x\", \"zone\": \"Asia/Tokyo\", \"hours\": {\"MONDAY\": [\"09:00-18:00\"]},"
                        + " \"holidays\": [{\"name\": \"Founders' Day\", \"on\": \"2026-12-14\"}]}");
        org.assertj.core.api.Assertions.assertThat(after.changesFrom(before))
                .containsExactly(
                        "zone: UTC -> Asia/Tokyo",
                        "MONDAY hours: [07:00-17:00] -> [09:00-18:00]",
                        "holiday added: Founders' Day on 2026-12-14",
                        "holiday removed: Christmas Day on 12-25 every year");
        org.assertj.core.api.Assertions.assertThat(after.changesFrom(after)).isEmpty();
        // and what is written back reads the same
        org.assertj.core.api.Assertions.assertThat(Calendars.definition(Calendars.json(after)))
                .isEqualTo(after);
    }
}
