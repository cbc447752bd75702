package com.supportdesk.sla.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportdesk.contract.event.PolicyChanged;
import com.supportdesk.contract.model.PolicyDefinition;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.policy.SlaPolicies;
import com.supportdesk.sla.policy.SlaPolicy;
import com.supportdesk.sla.store.ConfigRow;
import com.supportdesk.sla.store.ConfigStore;
import com.supportdesk.sla.store.SlaStore;
import com.supportdesk.support.Jdbc;
import com.supportdesk.support.Outbox;
import com.supportdesk.support.rest.Problem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Changes the SLA policies: each change is a new version in {@code sla_config}, its {@code policy-changed} record on
 * {@code sla-config} (outbox, same transaction) and an audit record. A version applies to the tickets opened after
 * it: their clocks take its targets, calendars and warnings when they start, and keep them. Asked to, it is applied
 * to the running (and paused) clocks on the policy too: they are re-targeted in slices, each move announced with
 * {@code clock-retargeted}, reason {@code POLICY_CHANGED} and the policy's version.
 */
public final class PolicyAdmin {
    private static final Logger LOG = Logger.getLogger(PolicyAdmin.class);

    /** What a change made: the stored version, whether it created the policy, whether running clocks follow. */
    public record Change(ConfigRow row, SlaPolicy policy, boolean created, boolean unchanged, boolean applied) {}

    private final SlaProcessor processor;
    private final SlaCatalog catalog;
    private final java.time.Clock clock;
    private final ObjectMapper json;

    public PolicyAdmin(SlaProcessor processor, SlaCatalog catalog, java.time.Clock clock, ObjectMapper json) {
        this.processor = processor;
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Creates or replaces a policy; an unchanged one makes no new version (but is still applied to running clocks
     * when asked: an administrator who forgot the flag can apply the version in force).
     */
    public Change put(
            SlaPolicy policy,
            Optional<Integer> expectedVersion,
            boolean applyToRunningClocks,
            String by,
            Function<ConfigRow, Outbox.Outgoing> audit) {
        try {
            SlaPolicies.checkCalendars(
                    policy, catalog.regions().all(), id -> catalog.calendar(id).isPresent());
        } catch (SlaPolicies.InvalidPolicyException e) {
            throw new Problem.Failure(Problem.invalid(e.field(), e.reason()));
        }
        String id = policy.id();
        Change change = ConfigLog.change(processor, c -> {
            Optional<ConfigRow> latest = ConfigStore.latest(c, ConfigRow.POLICY, id);
            int current = ConfigLog.current(latest);
            ConfigLog.checkVersion("Policy '" + id + "'", expectedVersion, current);
            SlaPolicy before =
                    current == 0 ? null : SlaPolicies.parse(latest.get().definition());
            List<String> changes = changes(before, policy);
            if (changes.isEmpty()) {
                if (applyToRunningClocks) {
                    ConfigStore.requestPolicyRecalculation(c, id, current, clock.instant());
                }
                return new Change(latest.get(), policy, false, true, applyToRunningClocks);
            }
            if (applyToRunningClocks) {
                changes.add("applied to running clocks");
            }
            ConfigRow row = store(c, id, latest, policy, changes, applyToRunningClocks, by);
            if (applyToRunningClocks) {
                ConfigStore.requestPolicyRecalculation(c, id, row.version(), row.at());
            }
            SlaStore.enqueue(c, List.of(audit.apply(row)));
            return new Change(row, policy, current == 0, false, applyToRunningClocks);
        });
        return change;
    }

    /** Deletes a policy no account's plan names (and that is not the default policy). */
    public ConfigRow delete(
            String id, Optional<Integer> expectedVersion, String by, Function<ConfigRow, Outbox.Outgoing> audit) {
        ConfigRow row = ConfigLog.change(processor, c -> {
            Optional<ConfigRow> latest =
                    Optional.of(ConfigLog.existing(c, ConfigRow.POLICY, "SLA policy", id, expectedVersion));
            long accounts = Long.parseLong(Jdbc.strings(c, "SELECT count(*) FROM sla_account WHERE plan = ?", id)
                    .get(0));
            if (accounts > 0 || id.equals(catalog.defaultPolicy())) {
                throw new Problem.Failure(Problem.of(
                        409,
                        "policy-in-use",
                        "Policy in use",
                        "Policy '" + id + "' is "
                                + (accounts > 0
                                        ? "the plan of " + accounts + " account(s); change their plan first"
                                        : "the default policy (support.sla.default-policy)")));
            }
            ConfigRow stored = store(c, id, latest, null, new ArrayList<>(List.of("deleted")), false, by);
            SlaStore.enqueue(c, List.of(audit.apply(stored)));
            return stored;
        });
        return row;
    }

    /** Stores the configured policies (files) not in the store yet as their version 1; a deleted one stays deleted. */
    public void seed(List<SlaPolicy> shipped) {
        processor.write(c -> {
            ConfigStore.lock(c);
            for (SlaPolicy p : shipped) {
                if (ConfigStore.latest(c, ConfigRow.POLICY, p.id()).isEmpty()) {
                    store(
                            c,
                            p.id(),
                            Optional.empty(),
                            p,
                            new ArrayList<>(List.of("shipped with the platform")),
                            false,
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
            SlaPolicy policy,
            List<String> changes,
            boolean applied,
            String by)
            throws SQLException {
        PolicyDefinition definition = policy == null ? null : SlaPolicies.convert(policy, PolicyDefinition.class);
        ConfigRow row = ConfigLog.append(
                c,
                clock,
                ConfigRow.POLICY,
                id,
                latest,
                policy == null ? null : SlaPolicies.json(policy),
                changes,
                by,
                r -> new PolicyChanged(
                        id, r.version(), r.deleted(), definition, applied, r.changes(), r.changedBy(), r.at()));
        LOG.infof("Policy %s v%d by %s: %s", id, row.version(), by, changes);
        return row;
    }

    /** What changed, one line each: the name, objective, default warnings, and each target by its position. */
    static List<String> changes(SlaPolicy before, SlaPolicy after) {
        List<String> changes = new ArrayList<>();
        if (before == null) {
            changes.add("created: " + after.targets().size() + " target(s)");
            return changes;
        }
        if (!before.name().equals(after.name())) {
            changes.add("name '" + before.name() + "' -> '" + after.name() + "'");
        }
        if (before.objectivePercent() != after.objectivePercent()) {
            changes.add("objectivePercent " + before.objectivePercent() + " -> " + after.objectivePercent());
        }
        if (!before.warningPercents().equals(after.warningPercents())) {
            changes.add("warningPercents " + before.warningPercents() + " -> " + after.warningPercents());
        }
        int n = Math.max(before.targets().size(), after.targets().size());
        for (int i = 0; i < n; i++) {
            SlaPolicy.Target was =
                    i < before.targets().size() ? before.targets().get(i) : null;
            SlaPolicy.Target now = i < after.targets().size() ? after.targets().get(i) : null;
            if (!Objects.equals(was, now)) {
                changes.add("targets[" + i + "] " + describe(was) + " -> " + describe(now));
            }
        }
        return changes;
    }

    private static String describe(SlaPolicy.Target t) {
        if (t == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        b.append(t.severity() == null ? "any severity" : t.severity())
                .append('/')
                .append(t.impact() == null ? "any impact" : t.impact())
                .append(" on ")
                .append(t.calendar());
        if (t.response() != null) {
            b.append(", response ").append(t.response());
        }
        if (t.resolution() != null) {
            b.append(", resolution ").append(t.resolution());
        }
        if (t.warnings() != null) {
            b.append(", warnings ")
                    .append(t.warnings().percents())
                    .append(" % ")
                    .append(t.warnings().before())
                    .append(" before");
        }
        return b.toString();
    }
}
