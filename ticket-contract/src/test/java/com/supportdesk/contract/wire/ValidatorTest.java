package com.supportdesk.contract.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.command.OpenTicket;
import com.supportdesk.contract.command.RegisterAccount;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.TicketKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    @Test
    void aCompleteCommandHasNoViolation() {
        assertThat(Validator.violations(new OpenTicket(
                        "t-1",
                        "acc-1",
                        TicketKind.INCIDENT,
                        Severity.SEV2,
                        null,
                        null,
                        "Checkout is down",
                        "Since 09:00 every order fails",
                        null,
                        null)))
                .isEmpty();
    }

    @Test
    void missingBlankAndTooLongFieldsAreNamed() {
        List<Violation> v = Validator.violations(
                new OpenTicket("t-1", " ", null, Severity.SEV2, null, null, "x".repeat(201), "body", null, null));
        assertThat(v)
                .containsExactlyInAnyOrder(
                        new Violation("accountId", "must not be blank"),
                        new Violation("kind", "is required"),
                        new Violation("title", "must be at most 200 characters"));
    }

    @Test
    void nestedRecordsAndListItemsAreCheckedWithTheirPath() {
        Contact ok = new Contact("u1", "Ann", "ann@example.com", null);
        Contact noEmail = new Contact("u2", "Bob", null, null);
        AccountProfile profile = new AccountProfile(
                "Acme",
                "EUROPE",
                SupportLanguage.FR,
                "standard",
                ok,
                noEmail,
                ok,
                Arrays.asList("ops@example.com", " "),
                null,
                null);
        assertThat(Validator.violations(new RegisterAccount("acc-1", profile)))
                .containsExactlyInAnyOrder(
                        new Violation("profile.backupContact.email", "is required"),
                        new Violation("profile.outageNotificationList[1]", "must not be blank"));
    }
}
