package com.supportdesk.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.event.ReportIssued;
import com.supportdesk.contract.model.ReportApplicationFigures;
import com.supportdesk.contract.model.ReportSeverityFigures;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The monthly report's e-mail in every support language: subject, text, HTML with the figures, the CSV. */
class ReportMailTest {
    static ReportIssued report(boolean resend) {
        return new ReportIssued(
                "acme",
                "2026-10",
                resend ? 1 : 0,
                resend,
                resend ? "olga" : null,
                "Europe/Brussels",
                "Acme <Corp>",
                4,
                1,
                List.of(new ReportSeverityFigures(Severity.SEV1, 2, 2, 1, 50.0, false, 2, 2)),
                List.of(new ReportApplicationFigures("erp", 99.5, 1, 40, 60)),
                "account,month\nacme,2026-10\n",
                Instant.parse("2026-11-06T06:00:00Z"));
    }

    @Test
    void everyLanguageHasItsOwnSubjectTextAndHtmlWithTheFiguresAndTheCsv() {
        Set<String> subjects = new HashSet<>();
        for (SupportLanguage language : SupportLanguage.values()) {
            ReportMail.Parts p = ReportMail.render(report(false), language);
            assertThat(p.subject()).as(language.name()).contains("2026-10").contains("Acme <Corp>");
            subjects.add(p.subject());
            assertThat(p.text())
                    .as(language.name())
                    .contains("SEV1")
                    .contains("erp")
                    .contains("4");
            assertThat(p.html())
                    .as(language.name())
                    .startsWith("<!DOCTYPE html>")
                    .contains("lang=\"" + language.name().toLowerCase() + "\"")
                    .contains("Acme &lt;Corp&gt;") // escaped
                    .doesNotContain("Acme <Corp>")
                    .contains("1 / 2 (50.0 %)")
                    .contains("99.5 %");
            assertThat(p.csvName()).isEqualTo("service-level-report-acme-2026-10.csv");
            assertThat(p.csv()).isEqualTo("account,month\nacme,2026-10\n");
        }
        assertThat(subjects).as("one subject per language").hasSize(SupportLanguage.values().length);
    }

    @Test
    void aResendSaysSo() {
        assertThat(ReportMail.render(report(true), SupportLanguage.DE).text()).contains("erneuter Versand");
        assertThat(ReportMail.render(report(false), SupportLanguage.DE).text()).doesNotContain("erneuter Versand");
    }
}
