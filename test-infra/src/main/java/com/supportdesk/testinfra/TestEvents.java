package com.supportdesk.testinfra;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events as ticket-service publishes them, put on the test broker for a consuming service under test. */
public final class TestEvents {
    private TestEvents() {}

    /** Sends {@code event} as a CloudEvents record from ticket-service; returns its id. */
    public static String send(String topic, String key, Long sequence, String accountId, Object event) {
        String id = UUID.randomUUID().toString();
        CloudEvent envelope = new CloudEvent(
                id,
                Catalog.of(event.getClass()).type(),
                "ticket-service",
                key,
                Instant.now(),
                sequence,
                accountId,
                event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
        return id;
    }

    /** Registers a Europe account on the standard plan, its people at {@code <name>.<account>@client.example}. */
    public static void registerAccount(String accountId, Instant at) {
        AccountProfile profile = new AccountProfile(
                "Account " + accountId,
                "EUROPE",
                SupportLanguage.EN,
                "standard",
                contact("ann", accountId),
                contact("bob", accountId),
                contact("sam", accountId),
                List.of("ops." + accountId + "@client.example"),
                List.of("webshop"),
                false);
        send(Topics.ACCOUNT_EVENTS, accountId, 0L, accountId, new AccountRegistered(accountId, profile, "admin", at));
    }

    /** Opens a SEV3 incident of the account, reported by its primary contact. */
    public static String openTicket(String accountId, Instant at) {
        String ticket = "t-" + UUID.randomUUID();
        send(
                Topics.TICKET_EVENTS,
                ticket,
                0L,
                accountId,
                new TicketOpened(
                        ticket,
                        accountId,
                        "TKT-" + ticket.substring(2, 8),
                        TicketKind.INCIDENT,
                        Severity.SEV3,
                        Impact.STANDARD,
                        null,
                        false,
                        SupportLevel.L1,
                        "Checkout is slow",
                        "Pages take 20 s",
                        "webshop",
                        null,
                        "ann-" + accountId,
                        at));
        return ticket;
    }

    private static Contact contact(String name, String accountId) {
        return new Contact(name + "-" + accountId, name, name + "." + accountId + "@client.example", null);
    }
}
