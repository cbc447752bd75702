package com.supportdesk.ticket.messaging;

import static com.supportdesk.testinfra.TopicReader.header;
import static com.supportdesk.ticket.TestData.newAccountId;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.command.AcknowledgeTicket;
import com.supportdesk.contract.command.CloseTicket;
import com.supportdesk.contract.command.Command;
import com.supportdesk.contract.command.OpenTicket;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Commands published on ticket-commands by partners and services, over the real broker and database. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class KafkaCommandIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static String publish(Command command) {
        String id = UUID.randomUUID().toString();
        publish(id, command);
        return id;
    }

    static void publish(String commandId, Command command) {
        publish(commandId, command, TestTokens.allStaff());
    }

    /** A command as its sender puts it on the topic: CloudEvents headers plus the sender's bearer token. */
    static void publish(String commandId, Command command, String token) {
        String type = Catalog.of(command.getClass()).type();
        Map<String, String> headers = new HashMap<>(CloudEventCodec.headers(new CloudEvent(
                commandId, type, "/partner-test", command.targetId(), Instant.now(), null, null, command)));
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        TopicReader.send(Topics.TICKET_COMMANDS, command.targetId(), headers, CloudEventCodec.body(command));
    }

    static OpenTicket openTicket(String ticketId, String account) {
        return new OpenTicket(
                ticketId,
                account,
                TicketKind.INCIDENT,
                Severity.SEV2,
                null,
                null,
                "Sync fails",
                "Partner sync fails since 10:00",
                "sync",
                null);
    }

    static List<ConsumerRecord<String, byte[]>> eventsOf(String ticketId, int atLeast) {
        return TopicReader.await(Topics.TICKET_EVENTS, r -> ticketId.equals(r.key()), s -> s.size() >= atLeast, WAIT);
    }

    @Test
    void aKafkaCommandLandsAsTheSameEventsAndARedeliveryChangesNothing() {
        String ticketId = UUID.randomUUID().toString();
        String account = newAccountId();
        String openId = publish(openTicket(ticketId, account));
        publish(openId, openTicket(ticketId, account)); // redelivered: same ce_id
        publish(new AcknowledgeTicket(ticketId, "partner ack"));

        List<ConsumerRecord<String, byte[]>> events = eventsOf(ticketId, 2);
        assertThat(events)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly("support.ticket.opened.v1", "support.ticket.acknowledged.v1");
        assertThat(events).extracting(r -> header(r, "ce_sequence")).containsExactly("0", "1");
        assertThat(header(events.get(0), "ce_accountid")).isEqualTo(account);
    }

    @Test
    void aPoisonCommandGoesToTheDeadLetterTopicWithoutBlockingTheNextOne() {
        String ticketId = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_type", "support.command.open-ticket.v1");
        headers.put("ce_source", "/partner-test");
        headers.put("ce_specversion", "1.0");
        TopicReader.send(Topics.TICKET_COMMANDS, ticketId, headers, "{\"ticketId\": ".getBytes(StandardCharsets.UTF_8));
        publish(openTicket(ticketId, newAccountId())); // same key, same partition, right behind the poison

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.await(
                Topics.deadLetter(Topics.TICKET_COMMANDS), r -> ticketId.equals(r.key()), s -> !s.isEmpty(), WAIT);
        assertThat(header(dead.get(0), "dead-letter-reason"))
                .contains("malformed")
                .contains("not JSON");

        List<ConsumerRecord<String, byte[]>> events = TopicReader.await(
                Topics.TICKET_EVENTS,
                r -> ticketId.equals(r.key()),
                s -> s.stream().anyMatch(r -> "support.ticket.opened.v1".equals(header(r, "ce_type"))),
                WAIT);
        ConsumerRecord<String, byte[]> rejection = events.stream()
                .filter(r -> "support.command.rejected.v1".equals(header(r, "ce_type")))
                .findFirst()
                .orElseThrow();
        assertThat(TopicReader.body(rejection)).contains("\"code\":\"malformed\"");
        assertThat(events.indexOf(rejection))
                .as("the rejection of the poison comes before the event of the next command")
                .isLessThan(events.size() - 1);
    }

    @Test
    void aRefusedCommandIsReportedAsAnEventAndParkedWithItsReason() {
        String unknown = UUID.randomUUID().toString();
        String ackId = publish(new AcknowledgeTicket(unknown, null));
        List<ConsumerRecord<String, byte[]>> rejected = eventsOf(unknown, 1);
        assertThat(header(rejected.get(0), "ce_type")).isEqualTo("support.command.rejected.v1");
        assertThat(TopicReader.body(rejected.get(0)))
                .contains("\"code\":\"not-found\"")
                .contains("\"commandId\":\"" + ackId + "\"")
                .contains("\"commandType\":\"support.command.acknowledge-ticket.v1\"");

        String ticketId = UUID.randomUUID().toString();
        publish(openTicket(ticketId, newAccountId()));
        publish(new CloseTicket(ticketId, null)); // not resolved: illegal transition
        List<ConsumerRecord<String, byte[]>> events =
                TopicReader.await(Topics.TICKET_EVENTS, r -> ticketId.equals(r.key()), s -> s.size() >= 2, WAIT);
        assertThat(events)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly("support.ticket.opened.v1", "support.command.rejected.v1");
        assertThat(TopicReader.body(events.get(1)))
                .contains("\"code\":\"conflict\"")
                .contains("not-resolved");
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.await(
                Topics.deadLetter(Topics.TICKET_COMMANDS), r -> ticketId.equals(r.key()), s -> !s.isEmpty(), WAIT);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("conflict");
    }
}
