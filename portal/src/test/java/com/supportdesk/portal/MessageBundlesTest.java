package com.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.portal.web.Msg;
import io.quarkus.qute.i18n.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every label of the pages exists in every support language: a key of {@link Msg} missing from a language's file
 * would fall back to English on that language's pages. A file's keys must also all be Msg's (a typo would be a label
 * never shown), every translation must use the same placeholders as the English, and none may be left empty.
 */
class MessageBundlesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    static Set<String> keys(Class<?> bundle) {
        return Arrays.stream(bundle.getDeclaredMethods())
                .map(java.lang.reflect.Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Each bundle (the customer space's, the agent workspace's) in each support language. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> bundles() {
        return java.util.stream.Stream.of(
                        java.util.Map.entry(Msg.class, "msg"),
                        java.util.Map.entry(com.supportdesk.portal.web.AgentMsg.class, "agent"))
                .flatMap(b -> Arrays.stream(SupportLanguage.values())
                        .map(l -> org.junit.jupiter.params.provider.Arguments.of(b.getKey(), b.getValue(), l)));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("bundles")
    void everyLabelIsTranslatedWithTheSamePlaceholders(Class<?> bundle, String name, SupportLanguage language)
            throws IOException {
        if (language == SupportLanguage.EN) {
            for (var method : bundle.getDeclaredMethods()) {
                assertThat(method.getAnnotation(Message.class).value())
                        .as(method.getName())
                        .isNotBlank();
            }
            return;
        }
        String file = "/messages/" + name + "_" + language.name().toLowerCase(Locale.ROOT) + ".properties";
        Properties labels = new Properties();
        try (InputStream in = getClass().getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(labels.stringPropertyNames()).as("the keys of " + file).isEqualTo(keys(bundle));
        for (var method : bundle.getDeclaredMethods()) {
            String english = method.getAnnotation(Message.class).value();
            String translated = labels.getProperty(method.getName());
            assertThat(translated).as(file + " " + method.getName()).isNotBlank();
            assertThat(placeholders(translated))
                    .as(file + " " + method.getName() + " placeholders")
                    .isEqualTo(placeholders(english));
        }
    }
}
