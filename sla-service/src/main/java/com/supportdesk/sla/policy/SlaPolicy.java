package com.supportdesk.sla.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service levels of a support plan: per severity and/or impact, a response target and a resolution objective,
 * each in business time of a calendar ({@code {region}} stands for the account's region's calendar, e.g.
 * {@code europe} or {@code tiered-europe}), and when its clocks warn. The first target whose severity and impact
 * match (an absent one matches any) applies. A mistake is an {@link IllegalArgumentException} whose message starts
 * with the field ({@code targets[1].response: ...}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlaPolicy(
        String id, String name, int objectivePercent, List<Integer> warningPercents, List<Target> targets) {

    public SlaPolicy {
        if (id == null || !id.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException(
                    "id: must be 1 to 64 lower-case letters, digits and dashes, got '" + id + "'");
        }
        if (objectivePercent < 1 || objectivePercent > 100) {
            throw new IllegalArgumentException("objectivePercent: must be 1..100, got " + objectivePercent);
        }
        warningPercents = checkPercents("warningPercents", warningPercents);
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("targets: at least one target is required");
        }
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) == null) {
                throw new IllegalArgumentException("targets[" + i + "]: must be a target");
            }
        }
        targets = List.copyOf(targets);
        name = name == null ? id : name;
        if (name.length() > 200) {
            throw new IllegalArgumentException("name: at most 200 characters");
        }
    }

    private static List<Integer> checkPercents(String field, List<Integer> percents) {
        if (percents == null) {
            return List.of();
        }
        for (Integer p : percents) {
            if (p == null || p < 1 || p > 99) {
                throw new IllegalArgumentException(field + ": each must be 1..99, got " + p);
            }
        }
        return percents.stream().distinct().sorted().toList();
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /** When a target's clocks warn: at shares of the target and/or at business times before the deadline. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Warnings(List<Integer> percents, List<Duration> before) {
        public Warnings {
            percents = checkPercents("warnings.percents", percents);
            before = before == null
                    ? List.of()
                    : before.stream().distinct().sorted().toList();
            for (Duration d : before) {
                if (d == null || !positive(d) || d.toSecondsPart() != 0 || d.toMillisPart() != 0) {
                    throw new IllegalArgumentException(
                            "warnings.before: each must be a positive whole number of minutes (PT30M), got " + d);
                }
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(
            Severity severity,
            Impact impact,
            String calendar,
            Duration response,
            Duration resolution,
            Duration followUp,
            Warnings warnings) {
        public Target {
            if (calendar == null || calendar.isBlank()) {
                throw new IllegalArgumentException(
                        "calendar: a target needs a calendar (an id, or a template with {region})");
            }
            if (response == null && resolution == null) {
                throw new IllegalArgumentException("response: a target needs a response and/or a resolution duration");
            }
            if (response != null && !positive(response)) {
                throw new IllegalArgumentException("response: must be positive, got " + response);
            }
            if (resolution != null && !positive(resolution)) {
                throw new IllegalArgumentException("resolution: must be positive, got " + resolution);
            }
            if (followUp != null && !positive(followUp)) {
                throw new IllegalArgumentException("followUp: must be positive, got " + followUp);
            }
        }

        /** A target warning at its policy's percents (the policy files as they were). */
        public Target(Severity severity, Impact impact, String calendar, Duration response, Duration resolution) {
            this(severity, impact, calendar, response, resolution, null, null);
        }

        boolean matches(Severity s, Impact i) {
            return (severity == null || severity == s) && (impact == null || impact == i);
        }

        public Optional<Duration> duration(ClockKind clock) {
            return Optional.ofNullable(
                    switch (clock) {
                        case RESPONSE -> response;
                        case RESOLUTION -> resolution;
                        case FOLLOW_UP -> followUp;
                    });
        }
    }

    /** The target that applies to a ticket of this severity and impact, if the policy covers it. */
    public Optional<Target> targetFor(Severity severity, Impact impact) {
        return targets.stream()
                .filter(t -> t.matches(severity, impact == null ? Impact.STANDARD : impact))
                .findFirst();
    }

    /**
     * A target's warning alarms as its clocks keep them: its percents, and minus the minutes of each time before the
     * deadline; the policy's percents when the target sets none.
     */
    public List<Integer> alarms(Target target) {
        if (target == null || target.warnings() == null) {
            return warningPercents;
        }
        List<Integer> alarms = new ArrayList<>(target.warnings().percents());
        target.warnings().before().forEach(d -> alarms.add((int) -d.toMinutes()));
        return List.copyOf(alarms);
    }
}
