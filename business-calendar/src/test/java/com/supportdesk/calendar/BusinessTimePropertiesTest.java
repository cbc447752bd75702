package com.supportdesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@code deadline} and {@code between} agree on random calendars: random zones (many with daylight saving, some
 * with half-hour or negative shifts), random weekly hours (several intervals a day, intervals crossing midnight,
 * opening and closing times inside a daylight-saving gap or overlap), random holidays and closures, random
 * instants (many close to a daylight-saving change) and random amounts (from nothing to months of business time).
 */
class BusinessTimePropertiesTest {

    /** Zones with daylight saving at 02:00, at midnight, by 30 minutes, negative, or none at all. */
    private static final List<String> ZONES = List.of(
            "Europe/Brussels",
            "America/New_York",
            "America/Santiago",
            "America/Havana",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "Africa/Casablanca",
            "Europe/Dublin",
            "Asia/Tokyo",
            "Asia/Kathmandu",
            "UTC");

    private static final long FROM = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2031-01-01T00:00:00Z").toEpochMilli();

    record Made(BusinessCalendar calendar, String spec) {}

    record Case(BusinessCalendar calendar, String spec, Instant start, Duration amount) {
        @Override
        public String toString() {
            return spec + " from " + start + " plus " + amount;
        }
    }

    @Property(tries = 1500)
    void betweenTheStartAndTheDeadlineLiesExactlyTheAmount(@ForAll("cases") Case c) {
        Instant deadline = c.calendar().deadline(c.start(), c.amount());

        assertThat(deadline).isAfterOrEqualTo(c.start());
        assertThat(c.calendar().between(c.start(), deadline))
                .as("%s = %s", c, deadline)
                .isEqualTo(c.amount());
    }

    @Property(tries = 1000)
    void theDeadlineIsTheFirstInstantTheAmountIsReached(@ForAll("cases") Case c) {
        Assume.that(!c.amount().isZero()); // zero: the next opening, see below
        Instant deadline = c.calendar().deadline(c.start(), c.amount());

        if (deadline.isAfter(c.start())) {
            // one millisecond earlier, the amount is not reached yet
            assertThat(c.calendar().between(c.start(), deadline.minusMillis(1)))
                    .as("%s = %s", c, deadline)
                    .isLessThan(c.amount());
        }
    }

    @Property(tries = 1000)
    void theBusinessTimeUpToAnInstantLeadsBackToIt(@ForAll("cases") Case c) {
        Instant end = c.start().plus(c.amount()); // a wall-clock instant after the start
        Duration business = c.calendar().between(c.start(), end);
        Assume.that(!business.isZero()); // none at all: due at the next opening, which may be later
        Instant deadline = c.calendar().deadline(c.start(), business);

        assertThat(deadline).as("%s: up to %s", c, end).isBeforeOrEqualTo(end);
        assertThat(c.calendar().between(deadline, end))
                .as("%s: up to %s", c, end)
                .isEqualTo(Duration.ZERO);
    }

    @Property(tries = 500)
    void aZeroAmountIsDueAtTheNextOpening(@ForAll("cases") Case c) {
        Instant due = c.calendar().deadline(c.start(), Duration.ZERO);

        assertThat(due).isAfterOrEqualTo(c.start());
        assertThat(c.calendar().between(c.start(), due)).isEqualTo(Duration.ZERO);
        assertThat(c.calendar().isOpen(due)).as("%s: open at %s", c, due).isTrue();
    }

    @Property(tries = 500)
    void businessTimeAddsUpOverAnyCut(@ForAll("cases") Case c, @ForAll("fractions") double cut) {
        Instant end = c.start().plus(c.amount());
        Instant middle = c.start().plusMillis((long) (c.amount().toMillis() * cut));

        assertThat(c.calendar().between(c.start(), middle).plus(c.calendar().between(middle, end)))
                .isEqualTo(c.calendar().between(c.start(), end));
    }

    record TimelineCase(CalendarTimeline timeline, String spec, Instant start, Duration amount) {
        @Override
        public String toString() {
            return spec + " from " + start + " plus " + amount;
        }
    }

    @Property(tries = 800)
    void aTimelineAgreesWithItselfAcrossChanges(@ForAll("timelines") TimelineCase c) {
        Instant deadline = c.timeline().deadline(c.start(), c.amount());

        assertThat(c.timeline().between(c.start(), deadline))
                .as("%s = %s", c, deadline)
                .isEqualTo(c.amount());
        if (!c.amount().isZero() && deadline.isAfter(c.start())) {
            assertThat(c.timeline().between(c.start(), deadline.minusMillis(1)))
                    .as("%s = %s", c, deadline)
                    .isLessThan(c.amount());
        }
    }

    @Property(tries = 300)
    void aTimelineCountsEachStretchOnTheVersionInForce(@ForAll("timelines") TimelineCase c) {
        Instant end = c.start().plus(c.amount());
        Duration sum = Duration.ZERO;
        Instant from = c.start();
        // walk it hour by hour, each hour counted on the version in force at its start (changes fall on whole hours)
        while (from.isBefore(end)) {
            Instant to = Instant.ofEpochMilli((Math.floorDiv(from.toEpochMilli(), 3_600_000L) + 1) * 3_600_000L);
            to = to.isAfter(end) ? end : to;
            sum = sum.plus(c.timeline().at(from).between(from, to));
            from = to;
        }
        assertThat(c.timeline().between(c.start(), end)).as("%s", c).isEqualTo(sum);
    }

    @Provide
    Arbitrary<TimelineCase> timelines() {
        Arbitrary<Made> calendar = calendars();
        return Combinators.combine(calendar, calendar.list().ofMinSize(1).ofMaxSize(3), amounts())
                .flatAs((first, later, amount) -> starts(first.calendar().zone())
                        .flatMap(start -> Arbitraries.longs()
                                .between(-5 * 24, 30 * 24)
                                .list()
                                .ofSize(later.size())
                                .map(hours -> {
                                    // changes on whole hours after the start's hour, in order
                                    long base = start.toEpochMilli() / 3_600_000L * 3_600_000L;
                                    List<Long> at = hours.stream()
                                            .map(h -> base + h * 3_600_000L)
                                            .sorted()
                                            .toList();
                                    CalendarTimeline t = CalendarTimeline.of(first.calendar());
                                    StringBuilder spec = new StringBuilder(first.spec());
                                    for (int i = 0; i < later.size(); i++) {
                                        t = t.then(
                                                Instant.ofEpochMilli(at.get(i)),
                                                later.get(i).calendar());
                                        spec.append(" | from ")
                                                .append(Instant.ofEpochMilli(at.get(i)))
                                                .append(": ")
                                                .append(later.get(i).spec());
                                    }
                                    return new TimelineCase(t, spec.toString(), start, amount);
                                })));
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<Case> cases() {
        return calendars()
                .flatMap(cal -> Combinators.combine(starts(cal.calendar().zone()), amounts())
                        .as((start, amount) -> new Case(cal.calendar(), cal.spec(), start, amount)));
    }

    private static Arbitrary<Duration> amounts() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                Tuple.of(4, Arbitraries.longs().between(1, 12 * 3_600_000L).map(Duration::ofMillis)),
                Tuple.of(3, Arbitraries.longs().between(1, 400 * 3_600_000L).map(Duration::ofMillis)),
                Tuple.of(1, Arbitraries.longs().between(1, 3000 * 3_600_000L).map(Duration::ofMillis)));
    }

    /** Uniform over ten years, or within three days of one of the zone's daylight-saving changes. */
    private static Arbitrary<Instant> starts(ZoneId zone) {
        List<Long> transitions = new ArrayList<>();
        ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.ofEpochMilli(FROM));
        while (t != null && t.getInstant().toEpochMilli() < TO) {
            transitions.add(t.getInstant().toEpochMilli());
            t = zone.getRules().nextTransition(t.getInstant());
        }
        Arbitrary<Instant> uniform = Arbitraries.longs().between(FROM, TO).map(Instant::ofEpochMilli);
        if (transitions.isEmpty()) {
            return uniform;
        }
        Arbitrary<Instant> nearChange = Combinators.combine(
                        Arbitraries.of(transitions), Arbitraries.longs().between(-3 * 86_400_000L, 3 * 86_400_000L))
                .as((at, offset) -> Instant.ofEpochMilli(at + offset));
        return Arbitraries.frequencyOf(Tuple.of(1, uniform), Tuple.of(1, nearChange));
    }

    /** A random calendar, and how it was made (for the report of a failing case). */
    private static Arbitrary<Made> calendars() {
        return Combinators.combine(Arbitraries.of(ZONES).map(ZoneId::of), weeks(), holidays(), closures())
                .as((zone, hours, holidays, closures) -> new Made(
                        new BusinessCalendar("random", "random", zone, hours, holidays, closures),
                        describe(zone, hours, holidays, closures)));
    }

    private static String describe(
            ZoneId zone, Map<DayOfWeek, List<int[]>> hours, List<HolidayRule> holidays, List<long[]> closures) {
        StringBuilder s = new StringBuilder(zone.getId()).append(' ');
        hours.forEach((day, list) -> list.forEach(iv -> s.append(day.name(), 0, 3)
                .append(' ')
                .append(BusinessCalendar.minutes(iv[0]))
                .append('-')
                .append(BusinessCalendar.minutes(iv[1]))
                .append(' ')));
        s.append(holidays);
        closures.forEach(c -> s.append(" closed ")
                .append(Instant.ofEpochMilli(c[0]))
                .append('/')
                .append(Instant.ofEpochMilli(c[1])));
        return s.toString();
    }

    /**
     * Weekly hours: sorted cut points over the week's minutes, taken in pairs, each interval at most a day long.
     * Cut points favour 00:00-03:59 local, where daylight-saving changes happen; intervals may cross midnight.
     */
    private static Arbitrary<Map<DayOfWeek, List<int[]>>> weeks() {
        Arbitrary<Integer> minuteOfDay = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(0, 1439)),
                Tuple.of(1, Arbitraries.integers().between(0, 239)),
                Tuple.of(1, Arbitraries.of(0, 60, 120, 150, 180, 1380, 1410)));
        Arbitrary<Integer> point = Combinators.combine(Arbitraries.integers().between(0, 6), minuteOfDay)
                .as((day, minute) -> day * 1440 + minute);
        Arbitrary<Map<DayOfWeek, List<int[]>>> cut = point.list()
                .ofMinSize(2)
                .ofMaxSize(16)
                .uniqueElements()
                .map(points -> {
                    List<Integer> sorted = points.stream().sorted().toList();
                    Map<DayOfWeek, List<int[]>> hours = new EnumMap<>(DayOfWeek.class);
                    for (int i = 0; i + 1 < sorted.size(); i += 2) {
                        int start = sorted.get(i);
                        int length = Math.min(sorted.get(i + 1) - start, 1440);
                        hours.computeIfAbsent(DayOfWeek.of(start / 1440 + 1), d -> new ArrayList<>())
                                .add(new int[] {start % 1440, start % 1440 + length});
                    }
                    return hours;
                });
        Arbitrary<Map<DayOfWeek, List<int[]>>> always = Arbitraries.just(allDay());
        return Arbitraries.frequencyOf(Tuple.of(9, cut), Tuple.of(1, always));
    }

    private static Map<DayOfWeek, List<int[]>> allDay() {
        Map<DayOfWeek, List<int[]>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.<int[]>of(new int[] {0, 1440}));
        }
        return hours;
    }

    private static Arbitrary<List<HolidayRule>> holidays() {
        Arbitrary<HolidayRule> fixed = Combinators.combine(
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 28))
                .as((m, d) -> new HolidayRule.Fixed("fixed", MonthDay.of(m, d)));
        Arbitrary<HolidayRule> easter =
                Arbitraries.integers().between(-3, 60).map(o -> new HolidayRule.EasterOffset("easter", o));
        Arbitrary<HolidayRule> nth = Combinators.combine(
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.of(DayOfWeek.class),
                        Arbitraries.of(1, 2, 3, 4, 5, -1))
                .as((m, w, n) -> new HolidayRule.NthWeekday("nth", m, w, n));
        Arbitrary<HolidayRule> once = Arbitraries.longs()
                .between(
                        LocalDate.of(2020, 1, 1).toEpochDay(),
                        LocalDate.of(2030, 12, 31).toEpochDay())
                .map(d -> new HolidayRule.OnDate("once", LocalDate.ofEpochDay(d)));
        return Arbitraries.oneOf(fixed, easter, nth, once).list().ofMaxSize(12);
    }

    private static Arbitrary<List<long[]>> closures() {
        Arbitrary<long[]> closure = Combinators.combine(
                        Arbitraries.longs().between(FROM, TO),
                        Arbitraries.longs().between(1, 20 * 86_400_000L))
                .as((from, length) -> new long[] {from, from + length});
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<long[]>of())),
                Tuple.of(1, closure.list().ofMaxSize(40)));
    }
}
