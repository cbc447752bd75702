package com.supportdesk.bench.jmh;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Business-time arithmetic of the shipped calendars: "deadline = start + N business hours" and "business time
 * between two instants", from random starts over two years (weekends, holidays, both daylight-saving changes).
 * The amount goes from one hour to a year of business time: the cost must not grow with it.
 *
 * <p>Run: {@code bench/run-jmh.sh} (one fork, one thread: the figure is per core).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BusinessTimeBenchmark {

    @Param({"europe", "americas", "asia", "tiered-europe", "always-open"})
    public String calendar;

    /** Business hours added: one hour (Sev 1 response), 80 hours (Sev 3 resolution), about a year, about ten years. */
    @Param({"1", "80", "2500", "25000"})
    public int hours;

    private BusinessCalendar cal;
    private Duration amount;
    private final Instant[] starts = new Instant[4096];
    private final Instant[] ends = new Instant[4096];
    private int i;

    @Setup
    public void setup() {
        cal = Calendars.shipped().get(calendar);
        amount = Duration.ofHours(hours);
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long span = Duration.ofDays(730).getSeconds();
        for (int k = 0; k < starts.length; k++) {
            starts[k] = Instant.ofEpochSecond(from + random.nextLong(span));
            ends[k] = starts[k].plus(Duration.ofHours(hours * 3L));
        }
    }

    @Benchmark
    public Instant deadline() {
        i = (i + 1) & (starts.length - 1);
        return cal.deadline(starts[i], amount);
    }

    @Benchmark
    public Duration between() {
        i = (i + 1) & (starts.length - 1);
        return cal.between(starts[i], ends[i]);
    }
}
