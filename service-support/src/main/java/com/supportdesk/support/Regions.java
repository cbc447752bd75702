package com.supportdesk.support;

import com.supportdesk.contract.event.RegionChanged;
import com.supportdesk.contract.model.Region;
import com.supportdesk.contract.model.SupportLanguage;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The support regions a service knows: the shipped ones ({@link Region}) until sla-service's versions arrive, then
 * each as last published ({@code region-changed} on {@code sla-config}). A deleted region stays readable for the
 * accounts still in it (their tickets keep its calendar) but is no longer {@linkplain #find offered} for new
 * profiles. Readers on any thread see one consistent map: it is replaced whole on each change.
 */
public final class Regions {

    /** One region's version: the calendar of its support hours and the languages support speaks there. */
    public record SupportRegion(
            String id, String name, String calendar, Set<SupportLanguage> languages, int version, boolean deleted) {

        public SupportRegion {
            languages = languages == null || languages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(languages));
        }

        /**
         * The calendar a policy's template names for this region: {@code {region}} stands for the region's calendar
         * ({@code tiered-{region}} is {@code tiered-europe} for Europe). A region added later may have no such
         * variant: then its own calendar serves.
         */
        public String calendarFor(String template, Predicate<String> exists) {
            if (!template.contains("{region}")) {
                return template;
            }
            String named = template.replace("{region}", calendar);
            return exists.test(named) ? named : calendar;
        }
    }

    private volatile Map<String, SupportRegion> byId;

    private Regions(Map<String, SupportRegion> byId) {
        this.byId = byId;
    }

    /** The shipped regions, each as its version 0 (any published version replaces it). */
    public static Regions shipped() {
        Map<String, SupportRegion> regions = new LinkedHashMap<>();
        for (Region r : Region.values()) {
            regions.put(r.name(), shipped(r));
        }
        return new Regions(Map.copyOf(regions));
    }

    /** A shipped region as its version 0. */
    public static SupportRegion shipped(Region r) {
        String name = r.name().charAt(0) + r.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        return new SupportRegion(r.name(), name, r.calendar(), r.languages(), 0, false);
    }

    /** A region that exists (not deleted). */
    public Optional<SupportRegion> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id)).filter(r -> !r.deleted());
    }

    /** A region, deleted or not: what the accounts in it are served by. */
    public Optional<SupportRegion> lookup(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The calendar of a region's support hours; {@code fallback}'s for a region never heard of. */
    public String calendarOf(String id, String fallback) {
        return lookup(id)
                .or(() -> lookup(fallback))
                .map(SupportRegion::calendar)
                .orElse(fallback.toLowerCase());
    }

    /** The regions that exist, by id. */
    public List<SupportRegion> all() {
        return byId.values().stream()
                .filter(r -> !r.deleted())
                .sorted(java.util.Comparator.comparing(SupportRegion::id))
                .toList();
    }

    /** Takes a region's version unless a later one is here already; true when it was taken. */
    public synchronized boolean apply(SupportRegion region) {
        SupportRegion current = byId.get(region.id());
        if (current != null && current.version() >= region.version() && region.version() > 0) {
            return false;
        }
        Map<String, SupportRegion> next = new LinkedHashMap<>(byId);
        if (region.deleted() && current != null) {
            next.put(
                    region.id(),
                    new SupportRegion(
                            region.id(),
                            current.name(),
                            current.calendar(),
                            current.languages(),
                            region.version(),
                            true));
        } else if (!region.deleted()) {
            next.put(region.id(), region);
        }
        byId = Map.copyOf(next);
        return true;
    }

    /** Takes a published version. */
    public boolean apply(RegionChanged e) {
        return apply(new SupportRegion(
                e.regionId(),
                e.name(),
                e.calendar(),
                e.languages() == null ? Set.of() : Set.copyOf(e.languages()),
                e.version(),
                e.deleted()));
    }
}
