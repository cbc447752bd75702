package com.supportdesk.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.SupportLanguage;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every shipped template renders in every support language; a missing one falls back to English. */
class MailTemplatesTest {
    private static final Engine ENGINE = Engine.builder().addDefaults().build();
    /** Every kind e-mailed from a template (events go to webhooks; the monthly report is ReportMail's, ReportMailTest). */
    private static final Set<NotificationKind> MAILED =
            EnumSet.complementOf(EnumSet.of(NotificationKind.EVENT, NotificationKind.MONTHLY_REPORT));

    static Template shipped(String id) {
        try (InputStream in = MailTemplatesTest.class.getResourceAsStream("/templates/mail/" + id + ".txt")) {
            return in == null ? null : ENGINE.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> data() {
        Map<String, String> d = new HashMap<>();
        for (String key : MailTemplates.KEYS) {
            d.put(key, "<" + key + ">");
        }
        return d;
    }

    @Test
    void everyKindRendersInEverySupportLanguageWithASubject() {
        MailTemplates templates = new MailTemplates(MailTemplatesTest::shipped);
        for (SupportLanguage language : SupportLanguage.values()) {
            for (NotificationKind kind : MAILED) {
                MailTemplates.Rendered r =
                        templates.render(kind, language, data()).orElseThrow();
                assertThat(r.language()).as(kind + " " + language).isEqualTo(language);
                assertThat(r.fallback()).isFalse();
                assertThat(r.subject()).as(kind + " " + language).isNotBlank().doesNotContain("Subject:");
                assertThat(r.body()).as(kind + " " + language).isNotBlank().doesNotStartWith("\n");
                if (kind == NotificationKind.RECEIPT) {
                    assertThat(r.subject() + r.body()).contains("<reference>");
                }
                if (EnumSet.of(NotificationKind.RECEIPT, NotificationKind.STATUS_CHANGE, NotificationKind.MESSAGE)
                        .contains(kind)) {
                    assertThat(r.body())
                            .as(kind + " " + language + " links to the ticket's page")
                            .contains("<link>");
                }
            }
        }
    }

    @Test
    void aDigestRendersInEverySupportLanguageWithEveryNoticeUnderItsOwnSubject() {
        MailTemplates templates = new MailTemplates(MailTemplatesTest::shipped);
        List<MailTemplates.Item> items = List.of(
                new MailTemplates.Item("[TKT-1] Ticket received: A", "Reference: TKT-1\n"),
                new MailTemplates.Item("[TKT-2] closed", "Reference: TKT-2\n"));
        for (SupportLanguage language : SupportLanguage.values()) {
            MailTemplates.Rendered r = templates.renderDigest(language, items).orElseThrow();
            assertThat(r.language()).as(language.name()).isEqualTo(language);
            assertThat(r.fallback()).isFalse();
            assertThat(r.subject()).as(language.name()).contains("2").doesNotContain("Subject:");
            assertThat(r.body())
                    .as(language.name())
                    .containsSubsequence(
                            "[TKT-1] Ticket received: A", "Reference: TKT-1", "[TKT-2] closed", "Reference: TKT-2");
        }
    }

    @Test
    void aLanguageWithoutTheTemplateGetsEnglishAndSaysSo() {
        MailTemplates onlyEnglish = new MailTemplates(id -> id.endsWith("_en") ? shipped(id) : null);
        MailTemplates.Rendered r = onlyEnglish
                .render(NotificationKind.BREACH, SupportLanguage.ZH, data())
                .orElseThrow();
        assertThat(r.language()).isEqualTo(SupportLanguage.EN);
        assertThat(r.fallback()).isTrue();
        assertThat(r.subject()).isEqualTo("[<reference>] Service level breached: <clock>");
    }

    @Test
    void noTemplateAtAllMeansNothingToSend() {
        assertThat(new MailTemplates(id -> null).render(NotificationKind.OUTAGE, SupportLanguage.FR, data()))
                .isEmpty();
    }

    @Test
    void labelsExistInEveryLanguageAndFallBackToEnglish() {
        for (SupportLanguage language : SupportLanguage.values()) {
            assertThat(Labels.word(language, "CLOSED")).isNotBlank().isNotEqualTo("CLOSED");
            assertThat(Labels.word(language, "ENDED", "x")).contains("x");
        }
        assertThat(Labels.word(SupportLanguage.FR, "NO_SUCH_WORD")).isEqualTo("NO_SUCH_WORD");
        assertThat(MailTemplates.templateName(NotificationKind.STATUS_CHANGE).toLowerCase(Locale.ROOT))
                .isEqualTo("status");
    }
}
