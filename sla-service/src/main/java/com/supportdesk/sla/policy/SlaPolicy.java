package com.supportdesk.sla.policy;

import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The service levels of a support plan: per severity and/or impact, a response target and a resolution objective,
 * each in business time of a calendar ({@code {region}} stands for the account's region, e.g. {@code europe} or
 * {@code tiered-europe}). The first target whose severity and impact match (an absent one matches any) applies.
 */
public record SlaPolicy(
        String id, String name, int objectivePercent, List<Integer> warningPercents, List<Target> targets) {

    public SlaPolicy {
        if (id == null || !id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("id must be lower-case letters, digits and dashes, got '" + id + "'");
        }
        if (objectivePercent < 1 || objectivePercent > 100) {
            throw new IllegalArgumentException("objectivePercent must be 1..100, got " + objectivePercent);
        }
        warningPercents = warningPercents == null
                ? List.of()
                : warningPercents.stream().sorted().toList();
        for (int p : warningPercents) {
            if (p < 1 || p > 99) {
                throw new IllegalArgumentException("warningPercents must be 1..99, got " + p);
            }
        }
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("targets are required");
        }
        name = name == null ? id : name;
    }

    public record Target(Severity severity, Impact impact, String calendar, Duration response, Duration resolution) {
        public Target {
            if (calendar == null || calendar.isBlank()) {
                throw new IllegalArgumentException("a target needs a calendar (an id, or a template with {region})");
            }
            if (response == null && resolution == null) {
                throw new IllegalArgumentException("a target needs a response and/or a resolution duration");
            }
            for (Duration d : new Duration[] {response, resolution}) {
                if (d != null && (d.isNegative() || d.isZero())) {
                    throw new IllegalArgumentException("target durations must be positive, got " + d);
                }
            }
        }

        boolean matches(Severity s, Impact i) {
            return (severity == null || severity == s) && (impact == null || impact == i);
        }

        public Optional<Duration> duration(ClockKind clock) {
            return Optional.ofNullable(clock == ClockKind.RESPONSE ? response : resolution);
        }
    }

    /** The target that applies to a ticket of this severity and impact, if the policy covers it. */
    public Optional<Target> targetFor(Severity severity, Impact impact) {
        return targets.stream()
                .filter(t -> t.matches(severity, impact == null ? Impact.STANDARD : impact))
                .findFirst();
    }
}
