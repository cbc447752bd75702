package com.supportdesk.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential back-off for webhook deliveries: attempt n (1-based) failed -> the next one after {@code first * 2^(n-1)}
 * capped at {@code max}; after {@code attempts} failures the delivery is parked in the dead-letter store.
 */
public record RetryPolicy(Duration first, Duration max, int attempts) {

    public RetryPolicy {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("retry policy needs 0 < first <= max and attempts >= 1");
        }
    }

    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofSeconds(10), Duration.ofHours(1), 8);
    }

    /** When to try again after failed attempt {@code attempt} at {@code failedAt}; empty: give up (dead letter). */
    public Optional<Instant> next(int attempt, Instant failedAt) {
        if (attempt >= attempts) {
            return Optional.empty();
        }
        long factor = 1L << Math.min(attempt - 1, 30);
        Duration wait = first.multipliedBy(factor);
        return Optional.of(failedAt.plus(wait.compareTo(max) > 0 ? max : wait));
    }
}
