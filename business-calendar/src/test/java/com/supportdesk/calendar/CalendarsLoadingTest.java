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
}
