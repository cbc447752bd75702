package com.supportdesk.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A support calendar: weekly business hours in local time (several intervals a day, an interval may cross
 * midnight), an IANA time zone, holidays (fixed, Easter-based, n-th weekday rules, one-off dates) and closures
 * (exceptional events, as instant ranges). Answers the two questions SLA clocks ask:
 * <ul>
 * <li>{@link #deadline(Instant, Duration)}: the instant at which {@code start + N business time} falls;</li>
 * <li>{@link #between(Instant, Instant)}: how much business time lies between two instants.</li>
 * </ul>
 * Business time is real elapsed time inside open intervals, so a daylight-saving change inside an open interval
 * counts as it happened (a 24/7 day in spring has 23 hours). Holidays close the whole day, including the part of
 * an overnight interval that runs into the next day. Precision is one millisecond.
 *
 * <p>The cost does not grow with the distance: days near the two ends are walked, the whole days between are
 * counted as full weeks, corrected for holidays, daylight-saving days and closures. Immutable and thread-safe.
 */
public final class BusinessCalendar implements BusinessTime {

    private static final int MAX_WALK_DAYS = 4000;

    private final String id;
    private final String name;
    private final ZoneOffsets zone;
    /** Per day of week (0 = Monday): interval bounds in minutes after that day's midnight, end up to 2880. */
    private final int[][] own;

    private final long[] nominalDayMs;
    private final long weeklyMs;
    private final List<HolidayRule> holidays;
    private final long[] closureStart;
    private final long[] closureEnd;
    private final boolean alwaysOpen;
    private volatile HolidayYear lastYear;
    /** Holidays per year, computed once (the rules are pure); index = year - FIRST_YEAR. */
    private final HolidayYear[] holidayYears = new HolidayYear[LAST_YEAR - FIRST_YEAR + 1];

    private static final int FIRST_YEAR = 1583;
    private static final int LAST_YEAR = 9999;

    private record HolidayYear(int year, long firstDay, long lastDay, long[] days) {}

    /**
     * @param hours     per day of week, intervals in minutes after midnight {@code {start, end}}; {@code end <= start}
     *                  is not allowed, an interval crossing midnight has {@code end > 1440}
     * @param closures  instant ranges {@code {fromMillis, toMillis}} during which no clock runs
     */
    public BusinessCalendar(
            String id,
            String name,
            ZoneId zone,
            Map<DayOfWeek, List<int[]>> hours,
            List<HolidayRule> holidays,
            List<long[]> closures) {
        this.id = id;
        this.name = name;
        this.zone = new ZoneOffsets(zone);
        this.own = new int[7][];
        this.nominalDayMs = new long[7];
        long weekly = 0;
        List<int[]> weekMinutes = new ArrayList<>();
        boolean allDay = true;
        for (DayOfWeek d : DayOfWeek.values()) {
            List<int[]> list = new ArrayList<>(hours.getOrDefault(d, List.of()));
            list.sort((x, y) -> Integer.compare(x[0], y[0]));
            int[] flat = new int[list.size() * 2];
            long dayMs = 0;
            for (int i = 0; i < list.size(); i++) {
                int s = list.get(i)[0];
                int e = list.get(i)[1];
                if (s < 0 || s >= 1440 || e <= s || e - s > 1440) {
                    throw new IllegalArgumentException("calendar " + id + ": " + d + " interval " + minutes(s) + "-"
                            + minutes(e) + " must start within the day and last 1 minute to 24 hours");
                }
                flat[2 * i] = s;
                flat[2 * i + 1] = e;
                dayMs += (e - s) * 60_000L;
                int base = (d.getValue() - 1) * 1440;
                weekMinutes.add(new int[] {base + s, base + e});
            }
            own[d.getValue() - 1] = flat;
            nominalDayMs[d.getValue() - 1] = dayMs;
            weekly += dayMs;
            allDay &= list.size() == 1 && flat[0] == 0 && flat[1] == 1440;
        }
        checkNoOverlap(id, weekMinutes);
        if (weekly == 0) {
            throw new IllegalArgumentException("calendar " + id + " has no business hours at all");
        }
        this.weeklyMs = weekly;
        this.holidays = List.copyOf(holidays);
        this.alwaysOpen = allDay && holidays.isEmpty();
        long[][] merged = merge(closures);
        this.closureStart = merged[0];
        this.closureEnd = merged[1];
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone.zone();
    }

    public List<HolidayRule> holidayRules() {
        return holidays;
    }

    /** Business time in a normal week (no holiday, no closure). */
    public Duration weeklyBusinessTime() {
        return Duration.ofMillis(weeklyMs);
    }

    /** The same calendar with one more closure (an exceptional event: no clock runs during it). */
    public BusinessCalendar withClosure(Instant from, Instant to) {
        List<long[]> closures = new ArrayList<>();
        for (int i = 0; i < closureStart.length; i++) {
            closures.add(new long[] {closureStart[i], closureEnd[i]});
        }
        closures.add(new long[] {from.toEpochMilli(), to.toEpochMilli()});
        Map<DayOfWeek, List<int[]>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            int[] iv = own[d.getValue() - 1];
            List<int[]> list = new ArrayList<>();
            for (int i = 0; i < iv.length; i += 2) {
                list.add(new int[] {iv[i], iv[i + 1]});
            }
            hours.put(d, list);
        }
        return new BusinessCalendar(id, name, zone.zone(), hours, holidays, closures);
    }

    /**
     * When {@code businessTime} of this calendar has elapsed after {@code start}: the first instant at which
     * {@link #between(Instant, Instant)} from {@code start} reaches it. Zero gives the next opening: {@code start}
     * itself when the calendar is open then (a zero target started at night is due when business opens).
     */
    @Override
    public Instant deadline(Instant start, Duration businessTime) {
        return Instant.ofEpochMilli(deadlineMillis(start.toEpochMilli(), businessTime.toMillis()));
    }

    /** Business time in {@code [from, to)}; zero when {@code to} is not after {@code from}. */
    @Override
    public Duration between(Instant from, Instant to) {
        return Duration.ofMillis(betweenMillis(from.toEpochMilli(), to.toEpochMilli()));
    }

    /** Whether the calendar is open (in business hours, not a holiday, not closed) at {@code t}. */
    public boolean isOpen(Instant t) {
        long ms = t.toEpochMilli();
        long day = localDay(ms);
        for (long d = day - 1; d <= day; d++) {
            if (isHoliday(d)) {
                continue;
            }
            int[] iv = own[dow(d)];
            for (int i = 0; i < iv.length; i += 2) {
                if (at(d, iv[i]) <= ms && ms < at(d, iv[i + 1])) {
                    return openMillis(ms, ms + 1) == 1;
                }
            }
        }
        return false;
    }

    public boolean isHoliday(LocalDate date) {
        return isHoliday(date.toEpochDay());
    }

    /** The holidays of a year, sorted (only those that fall on a day with business hours close anything). */
    public List<LocalDate> holidaysIn(int year) {
        return Arrays.stream(holidayYear(year).days())
                .mapToObj(LocalDate::ofEpochDay)
                .toList();
    }

    public long deadlineMillis(long start, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("business time must not be negative: " + amount + " ms");
        }
        if (alwaysOpen && closureStart.length == 0) {
            return start + amount;
        }
        long cur = start;
        long rem = amount;
        while (rem > 2 * weeklyMs) {
            long weeks = rem / weeklyMs - 1;
            long target = at(localDay(cur) + 1 + 7 * weeks, 0);
            long gained = betweenMillis(cur, target);
            // daylight-saving days can make real weeks longer than nominal ones (an interval in a fall-back
            // overlap counts its hour twice): then jump less far rather than walk the whole distance day by day
            while (gained >= rem && weeks > 1) {
                weeks /= 2;
                target = at(localDay(cur) + 1 + 7 * weeks, 0);
                gained = betweenMillis(cur, target);
            }
            if (gained <= 0 || gained >= rem) {
                break;
            }
            rem -= gained;
            cur = target;
        }
        return walkDeadline(cur, rem);
    }

    public long betweenMillis(long a, long b) {
        if (b <= a) {
            return 0;
        }
        if (alwaysOpen && closureStart.length == 0) {
            return b - a;
        }
        long da = localDay(a);
        long db = localDay(b);
        if (db - da < 16) {
            return clipped(da - 1, db, a, b);
        }
        // Days da-1, da and db-1, db may be cut by a or b; the own intervals of every day in between lie inside.
        long first = da + 1;
        long last = db - 2;
        return clipped(da - 1, da, a, b) + fullDays(first, last) + clipped(db - 1, db, a, b);
    }

    // ---- walking ----

    private long walkDeadline(long cur, long rem) {
        long day = localDay(cur) - 1;
        long firstWhole = day + 2; // from this day on, every interval starts after cur
        boolean noClosures = closureStart.length == 0;
        for (int guard = 0; guard < MAX_WALK_DAYS; guard++, day++) {
            if (isHoliday(day)) {
                continue;
            }
            int dow = dow(day);
            if (day >= firstWhole && noClosures && rem > nominalDayMs[dow] && plainDay(day)) {
                rem -= nominalDayMs[dow]; // a whole ordinary day: its nominal business time, no conversions
                continue;
            }
            int[] iv = own[dow];
            for (int i = 0; i < iv.length; i += 2) {
                long e = at(day, iv[i + 1]);
                if (e <= cur) {
                    continue;
                }
                long s = Math.max(at(day, iv[i]), cur);
                if (e <= s) {
                    continue; // opens and closes inside a daylight-saving gap: the interval does not happen
                }
                long open = openMillis(s, e);
                if (rem <= open && (rem > 0 || open > 0)) {
                    return pointAfter(s, rem); // zero: the first open instant
                }
                rem -= open;
            }
        }
        throw new IllegalStateException("calendar " + id + " has no business time in " + MAX_WALK_DAYS + " days");
    }

    /**
     * Whether the own intervals of this day (which may run into the next day) are untouched by a daylight-saving
     * change, so their business time is nominal. Looks at a window wide enough for any offset.
     */
    private boolean plainDay(long day) {
        long from = day * 86_400 - 18 * 3600;
        long to = (day + 2) * 86_400 + 18 * 3600;
        return !zone.anyTransitionBetween(from, to);
    }

    /** Business time of the own intervals of days {@code [fromDay, toDay]}, clipped to {@code [a, b)}. */
    private long clipped(long fromDay, long toDay, long a, long b) {
        long sum = 0;
        for (long d = fromDay; d <= toDay; d++) {
            if (isHoliday(d)) {
                continue;
            }
            int[] iv = own[dow(d)];
            for (int i = 0; i < iv.length; i += 2) {
                long s = Math.max(at(d, iv[i]), a);
                long e = Math.min(at(d, iv[i + 1]), b);
                if (e > s) {
                    sum += openMillis(s, e);
                }
            }
        }
        return sum;
    }

    /** Business time of the own intervals of days {@code [first, last]}, whole. */
    private long fullDays(long first, long last) {
        long n = last - first + 1;
        long weeks = n / 7;
        long sum = weeks * weeklyMs;
        for (long d = first + 7 * weeks; d <= last; d++) {
            sum += nominalDayMs[dow(d)];
        }
        for (int y = year(first); y <= year(last); y++) {
            for (long h : holidayYear(y).days()) {
                if (h >= first && h <= last) {
                    sum -= nominalDayMs[dow(h)];
                }
            }
        }
        // A daylight-saving change inside an open interval makes that day longer or shorter than nominal.
        long from = Math.floorDiv(at(first, 0), 1000);
        long to = Math.floorDiv(at(last + 2, 0), 1000);
        long[] dstDays = new long[8];
        int count = 0;
        for (long t : zone.transitionsBetween(from, to)) {
            long day = localDay(t * 1000);
            for (long d = day - 1; d <= day; d++) {
                if (d >= first && d <= last && !isHoliday(d) && (count == 0 || dstDays[count - 1] < d)) {
                    if (count == dstDays.length) {
                        dstDays = Arrays.copyOf(dstDays, count * 2);
                    }
                    dstDays[count++] = d;
                }
            }
        }
        for (int k = 0; k < count; k++) {
            long d = dstDays[k];
            int[] iv = own[dow(d)];
            for (int i = 0; i < iv.length; i += 2) {
                long real = Math.max(0, at(d, iv[i + 1]) - at(d, iv[i])); // none when it falls in a gap
                sum += real - (iv[i + 1] - iv[i]) * 60_000L;
            }
        }
        return sum - closureLoss(first, last);
    }

    /** Business time that closures take away from the own intervals of days {@code [first, last]}. */
    private long closureLoss(long first, long last) {
        if (closureStart.length == 0) {
            return 0;
        }
        long lo = at(first, 0);
        long hi = at(last + 2, 0);
        long loss = 0;
        for (int c = firstClosureEndingAfter(lo); c < closureStart.length && closureStart[c] < hi; c++) {
            long from = Math.max(first, localDay(closureStart[c]) - 1);
            long to = Math.min(last, localDay(closureEnd[c]));
            for (long d = from; d <= to; d++) {
                if (isHoliday(d)) {
                    continue;
                }
                int[] iv = own[dow(d)];
                for (int i = 0; i < iv.length; i += 2) {
                    long s = Math.max(at(d, iv[i]), closureStart[c]);
                    long e = Math.min(at(d, iv[i + 1]), closureEnd[c]);
                    loss += Math.max(0, e - s);
                }
            }
        }
        return loss;
    }

    /** Time in {@code [s, e)} that is not inside a closure. */
    private long openMillis(long s, long e) {
        long open = e - s;
        for (int c = firstClosureEndingAfter(s); c < closureStart.length && closureStart[c] < e; c++) {
            open -= Math.min(e, closureEnd[c]) - Math.max(s, closureStart[c]);
        }
        return open;
    }

    /** The instant at which {@code budget} of open time has run from {@code s}, skipping closures. */
    private long pointAfter(long s, long budget) {
        long pos = s;
        int c = firstClosureEndingAfter(pos);
        while (true) {
            if (c < closureStart.length && closureStart[c] <= pos) {
                pos = closureEnd[c++];
                continue;
            }
            long nextClosure = c < closureStart.length ? closureStart[c] : Long.MAX_VALUE;
            if (pos + budget <= nextClosure) {
                return pos + budget;
            }
            budget -= nextClosure - pos;
            pos = nextClosure;
        }
    }

    private int firstClosureEndingAfter(long t) {
        int i = Arrays.binarySearch(closureEnd, t);
        return i >= 0 ? i + 1 : -i - 1;
    }

    // ---- time and holidays ----

    private long at(long day, int minute) {
        return zone.toInstant(day * 86_400 + minute * 60L) * 1000;
    }

    private long localDay(long epochMilli) {
        long seconds = Math.floorDiv(epochMilli, 1000);
        return Math.floorDiv(seconds + zone.offsetAt(seconds), 86_400);
    }

    private static int dow(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7);
    }

    private boolean isHoliday(long day) {
        if (holidays.isEmpty()) {
            return false;
        }
        HolidayYear y = lastYear;
        if (y == null || day < y.firstDay() || day > y.lastDay()) {
            y = holidayYear(year(day));
            lastYear = y;
        }
        long[] days = y.days();
        // a handful of days a year: a linear scan beats a search
        for (long h : days) {
            if (h >= day) {
                return h == day;
            }
        }
        return false;
    }

    private HolidayYear holidayYear(int year) {
        HolidayYear y = lastYear;
        if (y != null && y.year() == year) {
            return y;
        }
        if (year >= FIRST_YEAR && year <= LAST_YEAR) {
            y = holidayYears[year - FIRST_YEAR];
            if (y == null) {
                y = computeHolidayYear(year); // a race computes the same immutable value twice at worst
                holidayYears[year - FIRST_YEAR] = y;
            }
            return y;
        }
        return computeHolidayYear(year);
    }

    private HolidayYear computeHolidayYear(int year) {
        TreeSet<Long> days = new TreeSet<>();
        for (HolidayRule rule : holidays) {
            rule.in(year).ifPresent(date -> days.add(date.toEpochDay()));
        }
        return new HolidayYear(
                year,
                LocalDate.of(year, 1, 1).toEpochDay(),
                LocalDate.of(year, 12, 31).toEpochDay(),
                days.stream().mapToLong(Long::longValue).toArray());
    }

    private static int year(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).getYear();
    }

    private static void checkNoOverlap(String id, List<int[]> weekMinutes) {
        List<int[]> all = new ArrayList<>();
        for (int[] m : weekMinutes) {
            // an interval running past Sunday midnight continues on Monday
            if (m[1] > 7 * 1440) {
                all.add(new int[] {m[0], 7 * 1440});
                all.add(new int[] {0, m[1] - 7 * 1440});
            } else {
                all.add(m);
            }
        }
        all.sort((x, y) -> Integer.compare(x[0], y[0]));
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i)[0] < all.get(i - 1)[1]) {
                throw new IllegalArgumentException("calendar " + id + ": business hours overlap around "
                        + DayOfWeek.of(all.get(i)[0] / 1440 + 1) + " " + minutes(all.get(i)[0] % 1440));
            }
        }
    }

    private static long[][] merge(List<long[]> closures) {
        List<long[]> sorted = new ArrayList<>();
        for (long[] c : closures) {
            if (c[1] <= c[0]) {
                throw new IllegalArgumentException("a closure must end after it starts");
            }
            sorted.add(c.clone());
        }
        sorted.sort((x, y) -> Long.compare(x[0], y[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] c : sorted) {
            if (!merged.isEmpty() && c[0] <= merged.get(merged.size() - 1)[1]) {
                long[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], c[1]);
            } else {
                merged.add(c);
            }
        }
        long[][] out = new long[2][merged.size()];
        for (int i = 0; i < merged.size(); i++) {
            out[0][i] = merged.get(i)[0];
            out[1][i] = merged.get(i)[1];
        }
        return out;
    }

    static String minutes(int m) {
        return String.format("%02d:%02d", m / 60, m % 60);
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + id + ", " + zone.zone() + "]";
    }
}
