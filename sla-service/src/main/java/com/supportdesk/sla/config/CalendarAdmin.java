package com.supportdesk.sla.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.calendar.CalendarFile;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.calendar.InvalidCalendarException;
import com.supportdesk.contract.event.CalendarChanged;
import com.supportdesk.contract.model.CalendarDefinition;
import com.supportdesk.sla.engine.SlaEngine;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.store.ConfigRow;
import com.supportdesk.sla.store.ConfigStore;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.Regions;
import com.supportdesk.support.rest.Problem;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Changes the calendars: each change is a new version in {@code sla_config}, its {@code calendar-changed} event on
 * {@code sla-config} (outbox, same transaction), an audit record and a re-targeting of the running clocks on the
 * calendar and on those taking their holidays from it. Changes are serialised across instances by an advisory lock;
 * each takes effect at the instant it is made, strictly after the previous one.
 */
public final class CalendarAdmin {
    private static final Logger LOG = Logger.getLogger(CalendarAdmin.class);
    public static final String SHIPPED_BY = SlaEngine.SOURCE;

    /** What a change made: the stored version, and whether it created the calendar. */
    public record Change(ConfigRow row, CalendarFile definition, boolean created, boolean unchanged) {}

    private final SlaProcessor processor;
    private final SlaCatalog catalog;
    private final java.time.Clock clock;
    private final ObjectMapper json;

    public CalendarAdmin(SlaProcessor processor, SlaCatalog catalog, java.time.Clock clock, ObjectMapper json) {
        this.processor = processor;
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Creates or replaces a calendar. {@code expectedVersion}: the version the caller read (If-Match), or empty to
     * replace whatever is there. An unchanged definition makes no new version.
     */
    public Change put(
            String id,
            CalendarFile definition,
            Optional<Integer> expectedVersion,
            String by,
            Function<ConfigRow, Outbox.Outgoing> audit) {
        Change change = ConfigLog.change(processor, c -> {
            Optional<ConfigRow> latest = ConfigStore.latest(c, ConfigRow.CALENDAR, id);
            int current = ConfigLog.current(latest);
            ConfigLog.checkVersion("Calendar '" + id + "'", expectedVersion, current);
            try {
                Calendars.build(
                        definition,
                        other -> catalog.entry(other).filter(e -> !e.deleted()).map(SlaCatalog.Entry::definition));
            } catch (InvalidCalendarException e) {
                throw new Problem.Failure(Problem.invalid(e.field(), e.reason()));
            }
            CalendarFile before =
                    current == 0 ? null : Calendars.definition(latest.get().definition());
            List<String> changes = definition.changesFrom(before);
            if (before != null && changes.isEmpty()) {
                return new Change(latest.get(), definition, false, true);
            }
            ConfigRow row = store(c, id, latest, definition, changes, by);
            SlaStore.enqueue(c, List.of(audit.apply(row)));
            return new Change(row, definition, current == 0, false);
        });
        return change;
    }

    /** Deletes a calendar no policy, region or other calendar uses. */
    public ConfigRow delete(
            String id, Optional<Integer> expectedVersion, String by, Function<ConfigRow, Outbox.Outgoing> audit) {
        ConfigRow row = ConfigLog.change(processor, c -> {
            Optional<ConfigRow> latest =
                    Optional.of(ConfigLog.existing(c, ConfigRow.CALENDAR, "calendar", id, expectedVersion));
            List<String> users = usersOf(id);
            if (!users.isEmpty()) {
                throw new Problem.Failure(Problem.of(
                        409,
                        "calendar-in-use",
                        "Calendar in use",
                        "Calendar '" + id + "' is used by " + String.join(", ", users) + "; change those first"));
            }
            ConfigRow stored = store(c, id, latest, null, List.of("deleted"), by);
            SlaStore.enqueue(c, List.of(audit.apply(stored)));
            return stored;
        });
        return row;
    }

    /** Who uses a calendar: the policies (directly or through a region), the regions, calendars taking its holidays. */
    List<String> usersOf(String id) {
        List<String> users = new ArrayList<>();
        List<Regions.SupportRegion> regions = catalog.regions().all();
        for (Regions.SupportRegion r : regions) {
            if (r.calendar().equals(id)) {
                users.add("region " + r.id());
            }
        }
        for (var p : catalog.policies().all()) {
            if (p.targets().stream()
                    .anyMatch(t -> t.calendar().equals(id)
                            || regions.stream()
                                    .anyMatch(r -> r.calendarFor(t.calendar(), x -> true)
                                            .equals(id)))) {
                users.add("policy " + p.id());
            }
        }
        for (SlaCatalog.Entry e : catalog.entries()) {
            if (e.definition() != null && id.equals(e.definition().holidaysOf())) {
                users.add("calendar " + e.id() + " (holidaysOf)");
            }
        }
        return users;
    }

    /**
     * Stores the next version (taking effect now, strictly after the calendar's previous change), publishes it and
     * asks for the re-targeting of the running clocks it moves.
     */
    private ConfigRow store(
            Connection c,
            String id,
            Optional<ConfigRow> latest,
            CalendarFile definition,
            List<String> changes,
            String by)
            throws SQLException {
        boolean deleted = definition == null;
        ConfigRow row = ConfigLog.append(
                c,
                clock,
                ConfigRow.CALENDAR,
                id,
                latest,
                deleted ? null : Calendars.json(definition),
                changes,
                by,
                r -> published(r, definition));
        int version = row.version();
        Instant at = row.at();
        if (!deleted && latest.isPresent()) {
            Map<String, SlaCatalog.Entry> entries = new java.util.LinkedHashMap<>();
            catalog.entries().forEach(e -> entries.put(e.id(), e));
            entries.put(id, new SlaCatalog.Entry(id, version, false, definition, at, by));
            for (String affected : SlaCatalog.affectedBy(entries, id)) {
                ConfigStore.requestRecalculation(c, affected, catalog.revision(affected) + 1, version, at);
            }
        }
        LOG.infof("Calendar %s v%d by %s: %s", id, version, by, changes);
        return row;
    }

    /** The {@code calendar-changed} event of a stored version. */
    private CalendarChanged published(ConfigRow row, CalendarFile file) {
        CalendarDefinition definition = file == null ? null : json.convertValue(file, CalendarDefinition.class);
        return new CalendarChanged(
                row.id(), row.version(), row.deleted(), definition, row.changes(), row.changedBy(), row.at());
    }

    /**
     * Stores the shipped calendars that are not in the store yet (a fresh database, or a release that ships a new
     * one) as their version 1. A calendar an administrator deleted stays deleted.
     */
    public void seed(Map<String, CalendarFile> definitions) {
        int seeded = processor.write(c -> {
            ConfigStore.lock(c);
            int n = 0;
            for (var d : definitions.entrySet()) {
                if (ConfigStore.latest(c, ConfigRow.CALENDAR, d.getKey()).isEmpty()) {
                    store(
                            c,
                            d.getKey(),
                            Optional.empty(),
                            d.getValue(),
                            List.of("shipped with the platform"),
                            SHIPPED_BY);
                    n++;
                }
            }
            return n;
        });
        if (seeded > 0) {
            LOG.infof("%d shipped calendars stored as version 1", seeded);
        }
        processor.refresh();
    }
}
