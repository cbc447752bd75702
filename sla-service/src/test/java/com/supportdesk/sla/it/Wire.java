package com.supportdesk.sla.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.SlaEvent;
import com.supportdesk.contract.event.TicketEvent;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Writes what ticket-service would write, and reads what sla-service publishes, on the real broker. */
final class Wire {

    private Wire() {}

    static Instant brussels(String localDateTime) {
        return LocalDateTime.parse(localDateTime)
                .atZone(ZoneId.of("Europe/Brussels"))
                .toInstant();
    }

    static void registerAccount(String accountId, String region, String plan) {
        sendAccountRegistered(accountId, region, plan);
        awaitAccount(accountId);
    }

    /** Waits until sla-service knows the account (its REST API answers for it). */
    static void awaitAccount(String accountId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(com.supportdesk.testinfra.TestTokens.allStaff())
                                .get("/api/sla/accounts/" + accountId)
                                .statusCode()
                        == 200);
    }

    /** Writes an account's registration to account-events, without waiting for sla-service to take it. */
    static void sendAccountRegistered(String accountId, String region, String plan) {
        AccountProfile profile = new AccountProfile(
                "Account " + accountId,
                region,
                SupportLanguage.EN,
                plan,
                new Contact("ann-" + accountId, "Ann", "ann@example.com", null),
                new Contact("bob-" + accountId, "Bob", "bob@example.com", null),
                new Contact("sam-" + accountId, "Sam", "sam@example.com", null),
                List.of(),
                List.of(),
                false);
        AccountRegistered event =
                new AccountRegistered(accountId, profile, "admin", Instant.parse("2026-01-01T00:00:00Z"));
        send(Topics.ACCOUNT_EVENTS, accountId, 0L, accountId, event);
    }

    static TicketOpened opened(String ticketId, String accountId, Severity severity, Instant at) {
        return new TicketOpened(
                ticketId,
                accountId,
                "TKT-" + ticketId,
                TicketKind.INCIDENT,
                severity,
                Impact.STANDARD,
                null,
                severity.ordinal() < 2,
                SupportLevel.L1,
                "Production down",
                "It is down",
                null,
                null,
                "customer-" + accountId,
                at);
    }

    static void ticketEvent(long sequence, TicketEvent event) {
        send(Topics.TICKET_EVENTS, event.ticketId(), sequence, event.accountId(), event);
    }

    /**
     * Opens {@code count} SEV2 tickets of the account at {@code opened} (ids {@code prefix-0} ...), and waits until
     * sla-service has started both clocks of each.
     */
    static java.util.Set<String> openTickets(String prefix, String accountId, int count, Instant opened) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            ids.add(id);
            ticketEvent(0, opened(id, accountId, Severity.SEV2, opened));
        }
        TopicReader.await(
                Topics.SLA_EVENTS, r -> ids.contains(r.key()), l -> l.size() >= 2 * count, Duration.ofSeconds(60));
        return ids;
    }

    static void send(String topic, String key, Long sequence, String accountId, Object event) {
        String type = Catalog.of(event.getClass()).type();
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(), type, "ticket-service", key, Instant.now(), sequence, accountId, event);
        TopicReader.send(topic, key, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    /** Waits until sla-events holds at least {@code count} events of the ticket; returns all of them, in order. */
    static List<SlaEvent> slaEvents(String ticketId, int count) {
        return slaEvents(ticketId, list -> list.size() >= count);
    }

    static List<SlaEvent> slaEvents(String ticketId, Predicate<List<ConsumerRecord<String, byte[]>>> until) {
        return TopicReader.await(Topics.SLA_EVENTS, r -> ticketId.equals(r.key()), until, Duration.ofSeconds(30))
                .stream()
                .map(r -> (SlaEvent) decode(r).data())
                .toList();
    }

    static ClockKind clockOf(SlaEvent e) {
        return e.clock();
    }

    /** How many of these sla-events records are about clocks of {@code kind}. */
    static long slaEventsOf(List<ConsumerRecord<String, byte[]>> records, ClockKind kind) {
        return records.stream()
                .filter(r -> ((SlaEvent) decode(r).data()).clock() == kind)
                .count();
    }

    static CloudEvent decode(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return CloudEventCodec.decode(headers, r.value());
    }

    static List<CloudEvent> envelopes(String topic, String key, int count) {
        return TopicReader.await(topic, r -> key.equals(r.key()), list -> list.size() >= count, Duration.ofSeconds(30))
                .stream()
                .map(Wire::decode)
                .toList();
    }
}
