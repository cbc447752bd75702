package com.supportdesk.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One calendar as written in {@code calendars/*.json}. Every check runs while the file is read, so an error names
 * the file and the line (see {@link Calendars}).
 *
 * <pre>{@code
 * { "id": "europe", "name": "Europe (Brussels)", "zone": "Europe/Brussels",
 *   "hours": { "MONDAY": ["07:00-17:00"], ..., "SATURDAY": ["22:00-06:00"] },
 *   "holidays": [ {"name": "Christmas", "date": "12-25"}, {"name": "Easter Monday", "easterOffset": 1},
 *                 {"name": "Thanksgiving", "month": 11, "weekday": "THURSDAY", "nth": 4},
 *                 {"name": "Memorial Day", "month": 5, "weekday": "MONDAY", "nth": -1},
 *                 {"name": "Office move", "on": "2026-06-12"} ],
 *   "holidaysOf": "europe",
 *   "closures": [ {"from": "2026-02-03T06:00:00Z", "to": "2026-02-04T16:00:00Z", "reason": "flood"} ] }
 * }</pre>
 * {@code holidaysOf} takes the holidays of another calendar in addition to its own.
 */
public record CalendarFile(
        String id,
        String name,
        String zone,
        Map<DayOfWeek, List<String>> hours,
        List<Holiday> holidays,
        String holidaysOf,
        List<Closure> closures) {

    public CalendarFile {
        if (id == null || !id.matches("[a-z0-9-]{1,64}")) {
            throw new InvalidCalendarException(
                    "id", "must be 1 to 64 lower-case letters, digits and dashes, got '" + id + "'");
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidCalendarException(
                    "zone", "unknown time zone '" + zone + "' (use an IANA name such as Europe/Brussels)");
        }
        if (hours == null || hours.isEmpty()) {
            throw new InvalidCalendarException("hours", "hours are required");
        }
        hours.forEach((day, list) -> {
            if (list == null) {
                throw new InvalidCalendarException("hours." + day, "must be a list of intervals such as 07:00-17:00");
            }
            for (int i = 0; i < list.size(); i++) {
                try {
                    interval(list.get(i));
                } catch (IllegalArgumentException e) {
                    throw new InvalidCalendarException("hours." + day + "[" + i + "]", e.getMessage());
                }
            }
        });
        if (name != null && name.length() > 200) {
            throw new InvalidCalendarException("name", "must be at most 200 characters");
        }
        holidays = holidays == null ? List.of() : holidays;
        closures = closures == null ? List.of() : closures;
        name = name == null ? id : name;
    }

    /** "07:00-17:00" as minutes {start, end}; "22:00-06:00" crosses midnight; "00:00-24:00" is the whole day. */
    public static int[] interval(String text) {
        String[] parts = text == null ? new String[0] : text.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("interval '" + text + "' must look like 07:00-17:00");
        }
        int s = minute(parts[0], text);
        int e = minute(parts[1], text);
        if (s >= 1440) {
            throw new IllegalArgumentException("interval '" + text + "' must start before 24:00");
        }
        if (e <= s) {
            e += 1440;
        }
        return new int[] {s, e};
    }

    private static int minute(String hhmm, String text) {
        if (!hhmm.matches("\\d{2}:\\d{2}")) {
            throw new IllegalArgumentException("interval '" + text + "': '" + hhmm + "' is not HH:MM");
        }
        int h = Integer.parseInt(hhmm.substring(0, 2));
        int m = Integer.parseInt(hhmm.substring(3));
        if (h > 24 || m > 59 || (h == 24 && m > 0)) {
            throw new IllegalArgumentException("interval '" + text + "': '" + hhmm + "' is not a time of day");
        }
        return h * 60 + m;
    }

    public record Holiday(
            String name,
            String date,
            Integer easterOffset,
            Integer month,
            DayOfWeek weekday,
            Integer nth,
            LocalDate on) {
        public Holiday {
            int kinds = (date != null ? 1 : 0)
                    + (easterOffset != null ? 1 : 0)
                    + (nth != null ? 1 : 0)
                    + (on != null ? 1 : 0);
            if (name == null || name.isBlank()) {
                throw new InvalidCalendarException("name", "a holiday needs a name");
            }
            if (kinds != 1) {
                throw new InvalidCalendarException(
                        "",
                        "holiday '" + name
                                + "' needs exactly one of date (MM-DD), easterOffset, nth (with month and weekday), on (YYYY-MM-DD)");
            }
            if (date != null) {
                try {
                    MonthDay.parse("--" + date);
                } catch (DateTimeParseException e) {
                    throw new InvalidCalendarException(
                            "date", "holiday '" + name + "': date '" + date + "' is not MM-DD");
                }
            }
            if (nth != null
                    && (month == null
                            || weekday == null
                            || month < 1
                            || month > 12
                            || nth == 0
                            || nth < -1
                            || nth > 5)) {
                throw new InvalidCalendarException(
                        "nth",
                        "holiday '" + name + "': nth (1..5, or -1 for the last) needs month (1..12) and weekday");
            }
        }

        /** "Christmas Day on 12-25 every year", "Whit Monday, Easter + 50 days", "Office move on 2026-06-12". */
        public String describe() {
            if (date != null) {
                return name + " on " + date + " every year";
            }
            if (easterOffset != null) {
                return name + ", Easter " + (easterOffset < 0 ? "- " + -easterOffset : "+ " + easterOffset) + " days";
            }
            if (nth != null) {
                return name + ", " + (nth == -1 ? "the last" : "the " + nth + ".") + " " + weekday + " of month "
                        + month;
            }
            return name + " on " + on;
        }

        HolidayRule rule() {
            if (date != null) {
                return new HolidayRule.Fixed(name, MonthDay.parse("--" + date));
            }
            if (easterOffset != null) {
                return new HolidayRule.EasterOffset(name, easterOffset);
            }
            if (nth != null) {
                return new HolidayRule.NthWeekday(name, month, weekday, nth);
            }
            return new HolidayRule.OnDate(name, on);
        }
    }

    public record Closure(Instant from, Instant to, String reason) {
        public String describe() {
            return from + " to " + to + (reason == null ? "" : " (" + reason + ")");
        }

        public Closure {
            if (from == null || to == null || !to.isAfter(from)) {
                throw new InvalidCalendarException(
                        to == null ? "to" : "from", "a closure needs from and to, to after from");
            }
            if (reason != null && reason.length() > 500) {
                throw new InvalidCalendarException("reason", "must be at most 500 characters");
            }
        }
    }

    /**
     * What changed from {@code before} to this definition, one line each, in words: "holiday added: Founders' Day
     * on 2026-12-14", "MONDAY hours: [07:00-17:00] -> [08:00-18:00]". {@code before} null: a new calendar.
     */
    public List<String> changesFrom(CalendarFile before) {
        List<String> out = new ArrayList<>();
        if (before == null) {
            out.add("created: " + name + " (" + zone + "), " + holidays.size() + " holidays, " + closures.size()
                    + " closures");
            return out;
        }
        if (!java.util.Objects.equals(before.name(), name)) {
            out.add("name: '" + before.name() + "' -> '" + name + "'");
        }
        if (!before.zone().equals(zone)) {
            out.add("zone: " + before.zone() + " -> " + zone);
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            List<String> was = before.hours().getOrDefault(d, List.of());
            List<String> now = hours.getOrDefault(d, List.of());
            if (!was.equals(now)) {
                out.add(d + " hours: " + was + " -> " + now);
            }
        }
        holidays.stream()
                .filter(h -> !before.holidays().contains(h))
                .forEach(h -> out.add("holiday added: " + h.describe()));
        before.holidays().stream()
                .filter(h -> !holidays.contains(h))
                .forEach(h -> out.add("holiday removed: " + h.describe()));
        if (!java.util.Objects.equals(before.holidaysOf(), holidaysOf)) {
            out.add("holidays of: " + before.holidaysOf() + " -> " + holidaysOf);
        }
        closures.stream()
                .filter(c -> !before.closures().contains(c))
                .forEach(c -> out.add("closure added: " + c.describe()));
        before.closures().stream()
                .filter(c -> !closures.contains(c))
                .forEach(c -> out.add("closure removed: " + c.describe()));
        return out;
    }

    BusinessCalendar toCalendar(List<HolidayRule> inherited) {
        Map<DayOfWeek, List<int[]>> parsed = new EnumMap<>(DayOfWeek.class);
        hours.forEach((day, list) ->
                parsed.put(day, list.stream().map(CalendarFile::interval).toList()));
        List<HolidayRule> rules = new ArrayList<>(inherited);
        holidays.forEach(h -> rules.add(h.rule()));
        List<long[]> closed = closures.stream()
                .map(c -> new long[] {c.from().toEpochMilli(), c.to().toEpochMilli()})
                .toList();
        return new BusinessCalendar(id, name, ZoneId.of(zone), parsed, rules, closed);
    }
}
