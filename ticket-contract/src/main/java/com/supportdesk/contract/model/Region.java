package com.supportdesk.contract.model;

import static com.supportdesk.contract.model.SupportLanguage.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The support regions shipped with the platform (the standard agreement's three), with the languages each one
 * supports and the calendar of its support hours. They are the initial data: regions are configuration that
 * sla-service owns ({@code region-changed} on {@code sla-config}), and an account's {@code region} is any configured
 * region's id, so code reads a region by its id and uses this enum only for the shipped defaults.
 */
public enum Region {
    ASIA(EnumSet.of(EN, ZH)),
    EUROPE(EnumSet.of(EN, FR, DE)),
    AMERICAS(EnumSet.of(EN, ES, PT));

    /** What a region id looks like: upper-case letters, digits and underscores, starting with a letter. */
    public static final String ID_PATTERN = "^[A-Z][A-Z0-9_]*$";

    public static final int ID_MAX_LENGTH = 32;

    private final Set<SupportLanguage> languages;

    Region(Set<SupportLanguage> languages) {
        this.languages = languages;
    }

    public Set<SupportLanguage> languages() {
        return languages;
    }

    /** The shipped calendar of the region's support hours: its id in lower case ({@code europe}). */
    public String calendar() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
