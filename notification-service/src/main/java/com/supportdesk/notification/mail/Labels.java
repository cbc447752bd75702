package com.supportdesk.notification.mail;

import com.supportdesk.contract.model.SupportLanguage;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words the templates fill in (state changes, clocks, escalation points, notice remarks), per support language,
 * from the message bundle files {@code messages/labels_<language>.properties} (UTF-8; {@code labels.properties} is
 * English). A word missing in a language falls back to English, then to its key; {@code LabelsTest} fails on any key
 * missing in any language, so neither happens in what we ship.
 */
public final class Labels {
    static final String BUNDLE = "messages.labels";
    private static final Map<SupportLanguage, ResourceBundle> BUNDLES = new EnumMap<>(SupportLanguage.class);

    static {
        // no fallback to the JVM's default locale: a language without its file is English, whatever the machine says
        ResourceBundle.Control control =
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        for (SupportLanguage language : SupportLanguage.values()) {
            Locale locale = language == SupportLanguage.EN
                    ? Locale.ROOT
                    : Locale.forLanguageTag(language.name().toLowerCase(Locale.ROOT));
            BUNDLES.put(language, ResourceBundle.getBundle(BUNDLE, locale, Labels.class.getClassLoader(), control));
        }
    }

    private Labels() {}

    public static String word(SupportLanguage language, String key, Object... args) {
        String w;
        try {
            w = BUNDLES.get(language).getString(key); // the English file is every language's parent
        } catch (MissingResourceException e) {
            w = key;
        }
        return args.length == 0 ? w : String.format(w, args);
    }
}
