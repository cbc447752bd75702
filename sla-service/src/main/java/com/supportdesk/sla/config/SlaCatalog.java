package com.supportdesk.sla.config;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.CalendarFile;
import com.supportdesk.calendar.CalendarTimeline;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.calendar.InvalidCalendarException;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.sla.clock.ClockRules;
import com.supportdesk.sla.policy.SlaPolicies;
import com.supportdesk.sla.policy.SlaPolicy;
import com.supportdesk.sla.store.ConfigRow;
import com.supportdesk.sla.store.ExceptionalEvent;
import com.supportdesk.support.Regions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The calendars and policies in force, and the declared exceptional events. Calendars are data (sla-service's
 * {@code sla_config}, published on {@code sla-config}): each one is a {@link CalendarTimeline} of its versions, so
 * a clock that ran across a change counts each stretch on the version in force then. Response clocks count on the
 * calendar with the exceptional events closed (the agreement: response time does not run during them); resolution
 * clocks on the calendar as published.
 *
 * <p>The state is an immutable snapshot replaced whole on each change, so readers on any thread see one
 * consistent version. {@link #generation()} is the last configuration change applied.
 */
public final class SlaCatalog implements ClockRules.CalendarLookup {
    private static final Logger LOG = Logger.getLogger(SlaCatalog.class);

    /** One calendar's latest version. */
    public record Entry(
            String id, int version, boolean deleted, CalendarFile definition, Instant changedAt, String changedBy) {}

    private record Book(
            long generation,
            Map<String, Entry> entries,
            Map<String, CalendarTimeline> resolution,
            Map<String, CalendarTimeline> response) {}

    private volatile SlaPolicies policies;
    /** Each stored policy's latest version (deleted ones too); a policy only in the files is at 0. */
    private volatile Map<String, PolicyVersion> policyVersions = Map.of();

    /** A policy's latest stored version. */
    public record PolicyVersion(int version, boolean deleted, Instant changedAt, String changedBy) {}

    private final String defaultPolicy;
    private final Regions regions = Regions.shipped();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private volatile Book book;
    private volatile List<ExceptionalEvent> exceptionalEvents = List.of();

    /** With {@code calendars} as the first version of each (until the stored configuration is loaded). */
    public SlaCatalog(Calendars calendars, SlaPolicies policies, String defaultPolicy) {
        this.policies = policies;
        this.defaultPolicy = defaultPolicy;
        if (policies.byId(defaultPolicy).isEmpty()) {
            throw new IllegalArgumentException(
                    "support.sla.default-policy '" + defaultPolicy + "' is not one of the configured policies "
                            + policies.all().stream().map(SlaPolicy::id).toList());
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, CalendarTimeline> timelines = new HashMap<>();
        for (BusinessCalendar c : calendars.all()) {
            entries.put(c.id(), new Entry(c.id(), 1, false, null, null, "sla-service"));
            timelines.put(c.id(), CalendarTimeline.of(c));
        }
        this.book = new Book(0, entries, timelines, timelines);
    }

    /** The last configuration change applied (0: none from the store yet). */
    public long generation() {
        return book.generation();
    }

    /**
     * Applies stored configuration changes in their order. The first load replaces the initial calendars; later
     * ones add a version to each calendar changed and to those taking their holidays from it.
     */
    public synchronized void apply(List<ConfigRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Book b = book;
        boolean first = b.generation() == 0;
        Map<String, Entry> entries = first ? new LinkedHashMap<>() : new LinkedHashMap<>(b.entries());
        Map<String, CalendarTimeline> resolution = first ? new HashMap<>() : new HashMap<>(b.resolution());
        long generation = b.generation();
        for (ConfigRow row : rows) {
            if (row.seq() <= generation) {
                continue;
            }
            generation = row.seq();
            if (ConfigRow.REGION.equals(row.kind())) {
                applyRegion(row);
                continue;
            }
            if (ConfigRow.POLICY.equals(row.kind())) {
                applyPolicy(row);
                continue;
            }
            if (!ConfigRow.CALENDAR.equals(row.kind())) {
                continue;
            }
            CalendarFile definition = row.deleted() ? null : Calendars.definition(row.definition());
            Entry previous = entries.get(row.id());
            entries.put(
                    row.id(),
                    new Entry(
                            row.id(),
                            row.version(),
                            row.deleted(),
                            definition == null && previous != null ? previous.definition() : definition,
                            row.at(),
                            row.changedBy()));
            if (row.deleted()) {
                continue; // the timeline stays for the clocks that still count on it
            }
            for (String id : affectedBy(entries, row.id())) {
                Entry e = entries.get(id);
                try {
                    BusinessCalendar built = Calendars.build(
                            e.definition(),
                            other -> Optional.ofNullable(entries.get(other))
                                    .filter(x -> !x.deleted())
                                    .map(Entry::definition));
                    CalendarTimeline t = resolution.get(id);
                    resolution.put(id, t == null ? CalendarTimeline.of(built) : t.then(later(row.at(), t), built));
                } catch (InvalidCalendarException ex) {
                    LOG.errorf(
                            "Calendar %s v%d cannot be built (%s: %s); its previous version stays in force",
                            id, e.version(), ex.field(), ex.reason());
                }
            }
        }
        book = new Book(generation, Map.copyOf(entries), Map.copyOf(resolution), closed(resolution));
    }

    private void applyPolicy(ConfigRow row) {
        Map<String, PolicyVersion> versions = new HashMap<>(policyVersions);
        versions.put(row.id(), new PolicyVersion(row.version(), row.deleted(), row.at(), row.changedBy()));
        policyVersions = Map.copyOf(versions);
        if (row.deleted()) {
            policies = policies.without(row.id());
            return;
        }
        try {
            policies = policies.with(SlaPolicies.parse(row.definition()));
        } catch (IllegalArgumentException e) {
            LOG.errorf("Policy %s v%d cannot be read (%s); its previous version stays", row.id(), row.version(), e);
        }
    }

    /** A policy's latest stored version, if it was ever stored. */
    public Optional<PolicyVersion> policyVersion(String id) {
        return Optional.ofNullable(policyVersions.get(id));
    }

    /** The policy's id the default plan falls back to. */
    public String defaultPolicy() {
        return defaultPolicy;
    }

    /** A target's warning alarms, fixed on the clocks it starts. */
    public List<Integer> alarms(String policy, SlaPolicy.Target target) {
        return policies.byId(policy).map(p -> p.alarms(target)).orElse(List.of());
    }

    private void applyRegion(ConfigRow row) {
        if (row.deleted()) {
            regions.apply(new Regions.SupportRegion(row.id(), null, null, null, row.version(), true));
            return;
        }
        try {
            RegionAdmin.RegionDefinition d = JSON.readValue(row.definition(), RegionAdmin.RegionDefinition.class);
            regions.apply(new Regions.SupportRegion(
                    row.id(), d.name(), d.calendar(), java.util.Set.copyOf(d.languages()), row.version(), false));
        } catch (java.io.IOException e) {
            LOG.errorf("Region %s v%d cannot be read (%s); its previous version stays", row.id(), row.version(), e);
        }
    }

    /** The support regions in force (the shipped ones until the store's are loaded). */
    public Regions regions() {
        return regions;
    }

    /**
     * The calendar of a policy target for an account of {@code region}: the target's own, or its template read for
     * the region ({@code tiered-{region}}: the region's tiered variant if it exists, else the region's calendar).
     * A region never heard of is served as {@code fallbackRegion}.
     */
    public String calendarFor(SlaPolicy.Target target, String region, String fallbackRegion) {
        Regions.SupportRegion r = regions.lookup(region)
                .or(() -> regions.lookup(fallbackRegion))
                .orElseThrow(() -> new NoSuchElementException("No region '" + fallbackRegion + "'"));
        return r.calendarFor(target.calendar(), id -> calendar(id).isPresent());
    }

    /**
     * A change strictly after the timeline's last one, so each change adds a version (and a revision the clocks can
     * tell apart). Changes are stored in that order; this only matters for a test clock that runs backwards, or a
     * calendar taking its holidays from one changed at an earlier instant than its own last change.
     */
    private static Instant later(Instant at, CalendarTimeline t) {
        Instant last = t.lastChange();
        return last != null && !at.isAfter(last) ? last.plusMillis(1) : at;
    }

    /** The calendar itself and every existing one taking its holidays from it, directly or through another. */
    static Set<String> affectedBy(Map<String, Entry> entries, String id) {
        Map<String, CalendarFile> definitions = new LinkedHashMap<>();
        entries.values().stream()
                .filter(e -> !e.deleted() && e.definition() != null)
                .forEach(e -> definitions.put(e.id(), e.definition()));
        return Calendars.affectedBy(definitions, id);
    }

    private Map<String, CalendarTimeline> closed(Map<String, CalendarTimeline> resolution) {
        Map<String, List<ExceptionalEvent>> byCalendar = new HashMap<>();
        for (ExceptionalEvent e : exceptionalEvents) {
            byCalendar.computeIfAbsent(e.calendar(), k -> new ArrayList<>()).add(e);
        }
        Map<String, CalendarTimeline> response = new HashMap<>(resolution);
        byCalendar.forEach((id, events) -> {
            CalendarTimeline t = resolution.get(id);
            if (t != null) {
                response.put(id, t.map(c -> {
                    BusinessCalendar closed = c;
                    for (ExceptionalEvent e : events) {
                        closed = closed.withClosure(e.from(), e.to());
                    }
                    return closed;
                }));
            }
        });
        return Map.copyOf(response);
    }

    @Override
    public CalendarTimeline calendar(String id, ClockKind kind) {
        Book b = book;
        CalendarTimeline t = (kind == ClockKind.RESPONSE ? b.response() : b.resolution()).get(id);
        if (t == null) {
            throw new NoSuchElementException("No calendar '" + id + "'");
        }
        return t;
    }

    @Override
    public int revision(String id) {
        CalendarTimeline t = book.resolution().get(id);
        return t == null ? 0 : t.revision();
    }

    @Override
    public int version(String id) {
        Entry e = book.entries().get(id);
        return e == null ? 0 : e.version();
    }

    /** Takes the declared exceptional events in force (all of them, each naming its calendar). */
    public synchronized void exceptionalEvents(List<ExceptionalEvent> events) {
        this.exceptionalEvents = List.copyOf(events);
        Book b = book;
        book = new Book(b.generation(), b.entries(), b.resolution(), closed(b.resolution()));
    }

    public List<ExceptionalEvent> exceptionalEvents() {
        return exceptionalEvents;
    }

    /** The calendars that exist (not deleted), in the order they were first made. */
    public List<Entry> entries() {
        return book.entries().values().stream().filter(e -> !e.deleted()).toList();
    }

    /** The latest version of a calendar, deleted or not. */
    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(book.entries().get(id));
    }

    /** The version of a calendar in force now, if it exists. */
    public Optional<BusinessCalendar> calendar(String id) {
        Book b = book;
        Entry e = b.entries().get(id);
        return e == null || e.deleted()
                ? Optional.empty()
                : Optional.of(b.resolution().get(id).current());
    }

    /** The version in force now as the response clock sees it (exceptional events closed). */
    public Optional<BusinessCalendar> responseCalendar(String id) {
        return calendar(id).map(c -> book.response().get(id).current());
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
