package com.supportdesk.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fast paths (week jumps, long-range counting, the zone table) against a plain day-by-day reference written
 * with java.time, on random spans of up to three years for every shipped calendar.
 */
class ReferenceComparisonTest {

    /** Business time in [a, b) by walking every day's intervals with ZonedDateTime. */
    static Duration reference(BusinessCalendar c, List<int[]>[] hours, Instant a, Instant b) {
        LocalDate day = a.atZone(c.zone()).toLocalDate().minusDays(1);
        LocalDate last = b.atZone(c.zone()).toLocalDate();
        long ms = 0;
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (c.isHoliday(day)) {
                continue;
            }
            for (int[] iv : hours[day.getDayOfWeek().getValue() - 1]) {
                Instant s = at(c, day, iv[0]);
                Instant e = at(c, day, iv[1]);
                Instant from = s.isAfter(a) ? s : a;
                Instant to = e.isBefore(b) ? e : b;
                if (to.isAfter(from)) {
                    ms += Duration.between(from, to).toMillis();
                }
            }
        }
        return Duration.ofMillis(ms);
    }

    static Instant at(BusinessCalendar c, LocalDate day, int minute) {
        return ZonedDateTime.of(
                        day.plusDays(minute / 1440), java.time.LocalTime.ofSecondOfDay((minute % 1440) * 60L), c.zone())
                .toInstant();
    }

    @SuppressWarnings("unchecked")
    static List<int[]>[] hours(String id) {
        List<int[]>[] h = new List[7];
        Set<String> tiered = Set.of("tiered-europe", "tiered-americas", "tiered-asia");
        for (DayOfWeek d : DayOfWeek.values()) {
            boolean weekday = d.getValue() <= 5;
            h[d.getValue() - 1] = id.equals("always-open")
                    ? List.of(new int[] {0, 1440})
                    : !weekday
                            ? List.of()
                            : tiered.contains(id) ? List.of(new int[] {540, 1050}) : List.of(new int[] {420, 1020});
        }
        return h;
    }

    @Test
    void fastPathsAgreeWithADayByDayWalk() {
        Random random = new Random(20261123);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (String id : Calendars.SHIPPED) {
            BusinessCalendar c = Calendars.shipped().get(id);
            List<int[]>[] hours = hours(id);
            for (int i = 0; i < 300; i++) {
                Instant a = base.plusSeconds(random.nextInt(4 * 365 * 86_400));
                Instant b = a.plusSeconds(random.nextInt(i % 3 == 0 ? 3 * 365 * 86_400 : 40 * 86_400));
                assertThat(c.between(a, b)).as("%s between %s and %s", id, a, b).isEqualTo(reference(c, hours, a, b));
                Duration amount = Duration.ofMinutes(1 + random.nextInt(i % 3 == 0 ? 3000 * 60 : 200 * 60));
                Instant deadline = c.deadline(a, amount);
                assertThat(reference(c, hours, a, deadline))
                        .as("%s %s + %s", id, a, amount)
                        .isEqualTo(amount);
                assertThat(c.deadline(a, amount.minusMinutes(1))).isBeforeOrEqualTo(deadline);
            }
        }
    }
}
