package com.supportdesk.calendar;

import java.time.Duration;
import java.time.Instant;

/** The two questions an SLA clock asks of its calendar. */
public interface BusinessTime {

    /** The first instant at which {@code amount} of business time has elapsed after {@code start}. */
    Instant deadline(Instant start, Duration amount);

    /** Business time in {@code [from, to)}; zero when {@code to} is not after {@code from}. */
    Duration between(Instant from, Instant to);
}
