package com.supportdesk.contract.model;

import static com.supportdesk.contract.model.SupportLanguage.*;

import java.util.EnumSet;
import java.util.Set;

/** Support regions of the standard agreement and the languages each one supports. */
public enum Region {
    ASIA(EnumSet.of(EN, ZH)),
    EUROPE(EnumSet.of(EN, FR, DE)),
    AMERICAS(EnumSet.of(EN, ES, PT));

    private final Set<SupportLanguage> languages;

    Region(Set<SupportLanguage> languages) {
        this.languages = languages;
    }

    public Set<SupportLanguage> languages() {
        return languages;
    }
}
