package com.supportdesk.portal.web;

import com.supportdesk.contract.model.SupportLanguage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The language of the pages: the user's own choice at Keycloak (the {@code locale} claim), else the account's support
 * language, else the browser's {@code Accept-Language}, among the six support languages; English when none fits.
 */
public final class Language {
    private Language() {}

    public static Locale choose(String localeClaim, SupportLanguage accountLanguage, String acceptLanguage) {
        SupportLanguage chosen = supported(localeClaim);
        if (chosen == null) {
            chosen = accountLanguage;
        }
        if (chosen == null && acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
                List<String> ours = Arrays.stream(SupportLanguage.values())
                        .map(l -> l.name().toLowerCase(Locale.ROOT))
                        .toList();
                String best = Locale.lookupTag(ranges, ours);
                chosen = supported(best);
            } catch (IllegalArgumentException e) {
                chosen = null; // a malformed header counts as none
            }
        }
        return locale(chosen == null ? SupportLanguage.EN : chosen);
    }

    /** The support language a tag such as {@code fr-BE} or {@code zh-Hans} names, or null. */
    static SupportLanguage supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
        for (SupportLanguage l : SupportLanguage.values()) {
            if (l.name().equalsIgnoreCase(language)) {
                return l;
            }
        }
        return null;
    }

    public static Locale locale(SupportLanguage language) {
        return Locale.forLanguageTag(language.name().toLowerCase(Locale.ROOT));
    }
}
