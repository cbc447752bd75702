package com.supportdesk.sla.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.contract.event.RegionChanged;
import com.supportdesk.contract.model.Region;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.store.ConfigRow;
import com.supportdesk.sla.store.ConfigStore;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.Regions;
import com.supportdesk.support.rest.Problem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Changes the support regions: each change is a new version in {@code sla_config} and its {@code region-changed}
 * record on {@code sla-config} (outbox, same transaction), with an audit record. A region's calendar serves the
 * tickets its accounts open after the change; a running clock keeps the calendar it started on (re-targeting a
 * running clock is what a calendar change does, not a region change).
 */
public final class RegionAdmin {
    private static final Logger LOG = Logger.getLogger(RegionAdmin.class);

    /** A region as an administrator writes it (and as {@code sla_config} stores it). */
    public record RegionDefinition(String name, String calendar, List<SupportLanguage> languages) {}

    /** What a change made: the stored version, and whether it created the region. */
    public record Change(ConfigRow row, RegionDefinition definition, boolean created, boolean unchanged) {}

    private final SlaProcessor processor;
    private final SlaCatalog catalog;
    private final java.time.Clock clock;
    private final ObjectMapper json;
    private final String defaultRegion;

    public RegionAdmin(
            SlaProcessor processor,
            SlaCatalog catalog,
            java.time.Clock clock,
            ObjectMapper json,
            String defaultRegion) {
        this.processor = processor;
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
        this.defaultRegion = defaultRegion;
    }

    /** Checks a definition: 400 naming the field. Returns it with its name defaulted. */
    public RegionDefinition validate(String id, RegionDefinition d) {
        if (id == null || id.length() > Region.ID_MAX_LENGTH || !id.matches(Region.ID_PATTERN)) {
            throw new Problem.Failure(Problem.invalid(
                    "id",
                    "must be 1 to " + Region.ID_MAX_LENGTH
                            + " upper-case letters, digits and underscores, starting with a letter (e.g. JAPAN)"));
        }
        if (d == null) {
            throw new Problem.Failure(Problem.invalid("body", "is required: {\"calendar\", \"languages\", \"name\"}"));
        }
        if (d.name() != null && (d.name().isBlank() || d.name().length() > 200)) {
            throw new Problem.Failure(Problem.invalid("name", "must be 1 to 200 characters"));
        }
        if (d.calendar() == null || d.calendar().isBlank()) {
            throw new Problem.Failure(Problem.invalid("calendar", "is required: the id of a calendar"));
        }
        if (catalog.calendar(d.calendar()).isEmpty()) {
            throw new Problem.Failure(Problem.invalid("calendar", "no calendar '" + d.calendar() + "' exists"));
        }
        if (d.languages() == null || d.languages().isEmpty()) {
            throw new Problem.Failure(Problem.invalid("languages", "is required: at least one support language"));
        }
        for (int i = 0; i < d.languages().size(); i++) {
            if (d.languages().get(i) == null) {
                throw new Problem.Failure(Problem.invalid("languages[" + i + "]", "must be a support language"));
            }
        }
        return new RegionDefinition(
                d.name() == null ? id : d.name(),
                d.calendar(),
                d.languages().stream().distinct().sorted().toList());
    }

    /** Creates or replaces a region; an unchanged definition makes no new version. */
    public Change put(
            String id,
            RegionDefinition given,
            Optional<Integer> expectedVersion,
            String by,
            Function<ConfigRow, Outbox.Outgoing> audit) {
        RegionDefinition definition = validate(id, given);
        Change change = ConfigLog.change(processor, c -> {
            Optional<ConfigRow> latest = ConfigStore.latest(c, ConfigRow.REGION, id);
            int current = ConfigLog.current(latest);
            ConfigLog.checkVersion("Region '" + id + "'", expectedVersion, current);
            RegionDefinition before = current == 0 ? null : parse(latest.get().definition());
            List<String> changes = changes(before, definition);
            if (changes.isEmpty()) {
                return new Change(latest.get(), definition, false, true);
            }
            ConfigRow row = store(c, id, latest, definition, changes, by);
            SlaStore.enqueue(c, List.of(audit.apply(row)));
            return new Change(row, definition, current == 0, false);
        });
        return change;
    }

    /** Deletes a region no account is in (and that is not the default region). */
    public ConfigRow delete(
            String id, Optional<Integer> expectedVersion, String by, Function<ConfigRow, Outbox.Outgoing> audit) {
        ConfigRow row = ConfigLog.change(processor, c -> {
            Optional<ConfigRow> latest =
                    Optional.of(ConfigLog.existing(c, ConfigRow.REGION, "region", id, expectedVersion));
            long accounts = Long.parseLong(Jdbc.strings(c, "SELECT count(*) FROM sla_account WHERE region = ?", id)
                    .get(0));
            if (accounts > 0 || id.equals(defaultRegion)) {
                throw new Problem.Failure(Problem.of(
                        409,
                        "region-in-use",
                        "Region in use",
                        "Region '" + id + "' is "
                                + (accounts > 0
                                        ? "the region of " + accounts + " account(s); move them first"
                                        : "the default region (support.sla.default-region)")));
            }
            ConfigRow stored = store(c, id, latest, null, List.of("deleted"), by);
            SlaStore.enqueue(c, List.of(audit.apply(stored)));
            return stored;
        });
        return row;
    }

    /** Stores the shipped regions not in the store yet as their version 1; a deleted one stays deleted. */
    public void seed() {
        processor.write(c -> {
            ConfigStore.lock(c);
            for (Region r : Region.values()) {
                if (ConfigStore.latest(c, ConfigRow.REGION, r.name()).isEmpty()) {
                    Regions.SupportRegion s = Regions.shipped(r);
                    RegionDefinition d = new RegionDefinition(
                            s.name(),
                            s.calendar(),
                            s.languages().stream().sorted().toList());
                    store(
                            c,
                            r.name(),
                            Optional.empty(),
                            d,
                            List.of("shipped with the platform"),
                            CalendarAdmin.SHIPPED_BY);
                }
            }
            return null;
        });
        processor.refresh();
    }

    private ConfigRow store(
            Connection c,
            String id,
            Optional<ConfigRow> latest,
            RegionDefinition definition,
            List<String> changes,
            String by)
            throws SQLException {
        ConfigRow row = ConfigLog.append(
                c,
                clock,
                ConfigRow.REGION,
                id,
                latest,
                definition == null ? null : write(definition),
                changes,
                by,
                r -> new RegionChanged(
                        id,
                        r.version(),
                        definition == null,
                        definition == null ? null : definition.name(),
                        definition == null ? null : definition.calendar(),
                        definition == null ? null : definition.languages(),
                        r.changes(),
                        r.changedBy(),
                        r.at()));
        LOG.infof("Region %s v%d by %s: %s", id, row.version(), by, changes);
        return row;
    }

    /** What changed, one line each; {@code created} for a new region. */
    static List<String> changes(RegionDefinition before, RegionDefinition after) {
        List<String> changes = new ArrayList<>();
        if (before == null) {
            changes.add("created: calendar " + after.calendar() + ", languages " + after.languages());
            return changes;
        }
        if (!before.calendar().equals(after.calendar())) {
            changes.add("calendar " + before.calendar() + " -> " + after.calendar()
                    + " (tickets opened from now on; running clocks keep theirs)");
        }
        if (!before.languages().equals(after.languages())) {
            changes.add("languages " + before.languages() + " -> " + after.languages());
        }
        if (!before.name().equals(after.name())) {
            changes.add("name '" + before.name() + "' -> '" + after.name() + "'");
        }
        return changes;
    }

    RegionDefinition parse(String definition) {
        try {
            return json.readValue(definition, RegionDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored region is not JSON: " + definition, e);
        }
    }

    private String write(RegionDefinition d) {
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
