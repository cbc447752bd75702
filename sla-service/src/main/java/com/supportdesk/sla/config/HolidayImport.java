package com.supportdesk.sla.config;

import com.supportdesk.calendar.CalendarFile;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Holidays from an iCalendar (.ics) feed, parsed by ical4j. An all-day event becomes a holiday on each day it
 * covers ({@code on}); one recurring every year on the same day becomes a {@code date} holiday, and one recurring
 * on the n-th (or last) weekday of a month an {@code nth} holiday. Anything else is skipped, with the reason: events
 * at a time of day, cancelled ones, other recurrences, days that are holidays already, events longer than 31 days.
 */
public final class HolidayImport {

    /** What became of one event. */
    public record Skipped(String summary, String start, String reason) {}

    public record Result(List<CalendarFile.Holiday> added, List<Skipped> skipped) {}

    /** The longest event taken (a feed's "summer holidays" of months is not a list of closed days). */
    static final int MAX_DAYS = 31;

    private HolidayImport() {}

    /** @throws IllegalArgumentException when the text is not iCalendar, with the parser's reason */
    public static Result read(String ics, List<CalendarFile.Holiday> existing) {
        net.fortuna.ical4j.model.Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(ics));
        } catch (ParserException e) {
            throw new IllegalArgumentException("not iCalendar: line " + e.getLineNo() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not iCalendar: " + e.getMessage());
        }
        List<CalendarFile.Holiday> added = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<CalendarFile.Holiday> known = new ArrayList<>(existing);
        for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
            String summary = text(event, Property.SUMMARY).orElse("(no summary)");
            String name = summary.length() > 200 ? summary.substring(0, 200) : summary;
            Optional<net.fortuna.ical4j.model.property.DtStart<Temporal>> start = event.getStartDate();
            if (start.isEmpty()) {
                skipped.add(new Skipped(summary, null, "no DTSTART"));
                continue;
            }
            Temporal t = start.get().getDate();
            if (!(t instanceof LocalDate first)) {
                skipped.add(
                        new Skipped(summary, String.valueOf(t), "not an all-day event: it starts at a time of day"));
                continue;
            }
            if (text(event, Property.STATUS)
                    .filter("CANCELLED"::equalsIgnoreCase)
                    .isPresent()) {
                skipped.add(new Skipped(summary, first.toString(), "cancelled"));
                continue;
            }
            Optional<RRule<Temporal>> rrule = event.getProperty(Property.RRULE);
            List<CalendarFile.Holiday> holidays = new ArrayList<>();
            if (rrule.isPresent()) {
                Optional<CalendarFile.Holiday> yearly =
                        yearly(name, first, rrule.get().getRecur());
                if (yearly.isEmpty()) {
                    skipped.add(new Skipped(
                            summary,
                            first.toString(),
                            "recurs as " + rrule.get().getValue()
                                    + ": only every year on the same day, or on the n-th weekday of a month, is a"
                                    + " holiday rule"));
                    continue;
                }
                holidays.add(yearly.get());
            } else {
                Optional<net.fortuna.ical4j.model.property.DtEnd<Temporal>> dtEnd = event.getEndDate();
                LocalDate end = dtEnd.map(DateProperty::getDate)
                        .filter(LocalDate.class::isInstance)
                        .map(LocalDate.class::cast)
                        .orElse(first.plusDays(1)); // DTEND of an all-day event is the day after it
                long days = Math.max(1, ChronoUnit.DAYS.between(first, end));
                if (days > MAX_DAYS) {
                    skipped.add(new Skipped(
                            summary, first.toString(), "lasts " + days + " days (at most " + MAX_DAYS + ")"));
                    continue;
                }
                for (long d = 0; d < days; d++) {
                    holidays.add(new CalendarFile.Holiday(name, null, null, null, null, null, first.plusDays(d)));
                }
            }
            for (CalendarFile.Holiday h : holidays) {
                if (known.stream().anyMatch(k -> sameDay(k, h))) {
                    skipped.add(new Skipped(summary, first.toString(), "already a holiday: " + h.describe()));
                } else {
                    known.add(h);
                    added.add(h);
                }
            }
        }
        return new Result(added, skipped);
    }

    private static Optional<CalendarFile.Holiday> yearly(String name, LocalDate first, Recur<Temporal> recur) {
        if (recur.getFrequency() != Frequency.YEARLY
                || recur.getInterval() > 1
                || recur.getCount() > 0
                || recur.getUntil() != null) {
            return Optional.empty();
        }
        List<WeekDay> days = recur.getDayList();
        if (days.isEmpty()) {
            boolean sameDay = recur.getMonthDayList().stream().allMatch(d -> d == first.getDayOfMonth())
                    && recur.getMonthList().stream().allMatch(m -> m.getMonthOfYear() == first.getMonthValue());
            return sameDay
                    ? Optional.of(new CalendarFile.Holiday(
                            name,
                            String.format("%02d-%02d", first.getMonthValue(), first.getDayOfMonth()),
                            null,
                            null,
                            null,
                            null,
                            null))
                    : Optional.empty();
        }
        if (days.size() != 1
                || recur.getMonthList().size() != 1
                || !recur.getMonthDayList().isEmpty()) {
            return Optional.empty();
        }
        WeekDay day = days.get(0);
        int nth = day.getOffset();
        if (nth == 0 || nth < -1 || nth > 5) {
            return Optional.empty();
        }
        return Optional.of(new CalendarFile.Holiday(
                name, null, null, recur.getMonthList().get(0).getMonthOfYear(), WeekDay.getDayOfWeek(day), nth, null));
    }

    /** Whether two holidays are the same rule or one-off day (names aside). */
    static boolean sameDay(CalendarFile.Holiday a, CalendarFile.Holiday b) {
        return java.util.Objects.equals(a.date(), b.date())
                && java.util.Objects.equals(a.easterOffset(), b.easterOffset())
                && java.util.Objects.equals(a.month(), b.month())
                && a.weekday() == b.weekday()
                && java.util.Objects.equals(a.nth(), b.nth())
                && java.util.Objects.equals(a.on(), b.on());
    }

    private static Optional<String> text(VEvent event, String property) {
        return event.getProperty(property).map(p -> ((Property) p).getValue()).filter(v -> !v.isBlank());
    }
}
