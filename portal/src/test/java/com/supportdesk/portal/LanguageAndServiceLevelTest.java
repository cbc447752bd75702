package com.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.portal.web.Language;
import com.supportdesk.portal.web.ServiceLevel;
import com.supportdesk.portal.web.ServiceLevel.Promise;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the pages compute: the language they speak and the service level in a customer's words. */
class LanguageAndServiceLevelTest {
    private static final Instant ACK = Instant.parse("2026-12-08T10:00:00Z");
    private static final Instant DUE = Instant.parse("2026-12-08T12:00:00Z");

    @Test
    void theUsersOwnChoiceComesFirstThenTheAccountsLanguageThenTheBrowsers() {
        assertThat(Language.choose("fr-BE", SupportLanguage.DE, "es")).isEqualTo(Locale.forLanguageTag("fr"));
        assertThat(Language.choose(null, SupportLanguage.DE, "es")).isEqualTo(Locale.forLanguageTag("de"));
        assertThat(Language.choose("", null, "it;q=1, pt-BR;q=0.8, en;q=0.5"))
                .as("the best of the browser's languages that we speak")
                .isEqualTo(Locale.forLanguageTag("pt"));
        assertThat(Language.choose("ja", null, "zh-Hans-CN")).isEqualTo(Locale.forLanguageTag("zh"));
        assertThat(Language.choose(null, null, "it")).isEqualTo(Locale.ENGLISH);
        assertThat(Language.choose(null, null, ";;q=bad"))
                .as("a malformed header")
                .isEqualTo(Locale.ENGLISH);
    }

    @Test
    void anUnansweredTicketPromisesTheResponseDeadlineOnceTheClockIsKnown() {
        assertThat(ServiceLevel.of("OPEN", null, DUE, null, null)).isEqualTo(new ServiceLevel(Promise.ANSWER_BY, DUE));
        assertThat(ServiceLevel.of("OPEN", null, null, null, null).promise()).isEqualTo(Promise.ANSWER_SOON);
    }

    @Test
    void anAnsweredTicketSaysWhenAHeldOnePausesAResolvedOneAsksForConfirmation() {
        assertThat(ServiceLevel.of("IN_PROGRESS", ACK, DUE, null, null))
                .isEqualTo(new ServiceLevel(Promise.ANSWERED, ACK));
        assertThat(ServiceLevel.of("WAITING_ON_CUSTOMER", ACK, DUE, null, null).promise())
                .isEqualTo(Promise.PAUSED);
        assertThat(ServiceLevel.of("RESOLVED", ACK, DUE, DUE, null)).isEqualTo(new ServiceLevel(Promise.RESOLVED, DUE));
        assertThat(ServiceLevel.of("CLOSED", ACK, DUE, DUE, ACK)).isEqualTo(new ServiceLevel(Promise.CLOSED, ACK));
    }

    @Test
    void bothSidesStatusesReadTheSameToACustomer() {
        assertThat(ServiceLevel.stateKey("ACKNOWLEDGED")).isEqualTo(ServiceLevel.stateKey("IN_PROGRESS"));
        assertThat(ServiceLevel.stateKey("ON_HOLD"))
                .isEqualTo(ServiceLevel.stateKey("WAITING_ON_CUSTOMER"))
                .isEqualTo("state_WAITING");
        assertThat(ServiceLevel.stateKey("OPEN")).isEqualTo("state_OPEN");
        assertThat(ServiceLevel.stateKey("CLOSED")).isEqualTo("state_CLOSED");
    }
}
