package com.supportdesk.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.model.SupportLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The e-mail words' bundle files: every key in every support language, each word its own (not English by mistake). */
class LabelsTest {

    static Properties file(SupportLanguage language) {
        String name = "/messages/labels"
                + (language == SupportLanguage.EN ? "" : "_" + language.name().toLowerCase(Locale.ROOT))
                + ".properties";
        try (InputStream in = LabelsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyLanguageHasEveryKeyAndNoOther() {
        Properties english = file(SupportLanguage.EN);
        assertThat(english).isNotEmpty();
        for (SupportLanguage language : SupportLanguage.values()) {
            Properties words = file(language);
            assertThat(words.stringPropertyNames()).as("keys of " + language).isEqualTo(english.stringPropertyNames());
            for (String key : english.stringPropertyNames()) {
                assertThat(words.getProperty(key)).as(language + " " + key).isNotBlank();
                assertThat(words.getProperty(key).contains("%s"))
                        .as(language + " " + key + " takes the argument English takes")
                        .isEqualTo(english.getProperty(key).contains("%s"));
                if (language != SupportLanguage.EN) {
                    assertThat(words.getProperty(key))
                            .as(language + " " + key + " is translated")
                            .isNotEqualTo(english.getProperty(key));
                }
            }
        }
    }

    @Test
    void wordsComeFromTheFilesInTheirLanguage() {
        assertThat(Labels.word(SupportLanguage.FR, "CLOSED")).isEqualTo("clôturé");
        assertThat(Labels.word(SupportLanguage.ZH, "ACKNOWLEDGED")).isEqualTo("服务台已受理");
        assertThat(Labels.word(SupportLanguage.EN, "CLOSED")).isEqualTo("closed");
        assertThat(Labels.word(SupportLanguage.DE, "ENDED", "5.12.2026 10:00")).contains("5.12.2026 10:00");
        assertThat(Labels.word(SupportLanguage.PT, "NO_SUCH_WORD")).isEqualTo("NO_SUCH_WORD");
    }
}
