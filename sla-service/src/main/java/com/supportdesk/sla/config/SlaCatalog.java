package com.supportdesk.sla.config;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.sla.clock.ClockRules;
import com.supportdesk.sla.policy.SlaPolicies;
import com.supportdesk.sla.policy.SlaPolicy;
import com.supportdesk.sla.store.ExceptionalEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The calendars and policies in force, and the declared exceptional events. Response clocks count on a calendar
 * with the exceptional events closed (the agreement: response time does not run during them); resolution clocks on
 * the calendar as published.
 */
public final class SlaCatalog implements ClockRules.CalendarLookup {

    private final Calendars calendars;
    private final SlaPolicies policies;
    private final String defaultPolicy;
    private volatile Map<String, BusinessCalendar> responseCalendars = Map.of();
    private volatile List<ExceptionalEvent> exceptionalEvents = List.of();

    public SlaCatalog(Calendars calendars, SlaPolicies policies, String defaultPolicy) {
        this.calendars = calendars;
        this.policies = policies;
        this.defaultPolicy = defaultPolicy;
        if (policies.byId(defaultPolicy).isEmpty()) {
            throw new IllegalArgumentException(
                    "support.sla.default-policy '" + defaultPolicy + "' is not one of the configured policies "
                            + policies.all().stream().map(SlaPolicy::id).toList());
        }
    }

    @Override
    public BusinessCalendar calendar(String id, ClockKind kind) {
        BusinessCalendar base =
                calendars.byId(id).orElseThrow(() -> new NoSuchElementException("No calendar '" + id + "'"));
        if (kind == ClockKind.RESPONSE) {
            return responseCalendars.getOrDefault(id, base);
        }
        return base;
    }

    /** Takes the declared exceptional events in force (all of them, each naming its calendar). */
    public synchronized void exceptionalEvents(List<ExceptionalEvent> events) {
        Map<String, BusinessCalendar> closed = new HashMap<>();
        for (ExceptionalEvent e : events) {
            BusinessCalendar base = closed.getOrDefault(
                    e.calendar(), calendars.byId(e.calendar()).orElse(null));
            if (base != null) {
                closed.put(e.calendar(), base.withClosure(e.from(), e.to()));
            }
        }
        this.responseCalendars = Map.copyOf(closed);
        this.exceptionalEvents = List.copyOf(events);
    }

    public List<ExceptionalEvent> exceptionalEvents() {
        return exceptionalEvents;
    }

    public Calendars calendars() {
        return calendars;
    }

    public Optional<BusinessCalendar> calendar(String id) {
        return calendars.byId(id);
    }

    public SlaPolicies policies() {
        return policies;
    }

    /** The plan's policy, or the default one when the plan is unknown here. */
    public SlaPolicy policyFor(String plan) {
        return Optional.ofNullable(plan)
                .flatMap(policies::byId)
                .orElseGet(() -> policies.byId(defaultPolicy).get());
    }

    public List<Integer> warningPercents(String policy) {
        return policies.byId(policy).map(SlaPolicy::warningPercents).orElse(List.of());
    }
}
