package com.supportdesk.ticket.security;

import static com.supportdesk.testinfra.TopicReader.header;
import static com.supportdesk.ticket.TestData.newAccountId;
import static com.supportdesk.ticket.security.TicketSecurityIntegrationTest.as;
import static com.supportdesk.ticket.security.TicketSecurityIntegrationTest.openAs;
import static com.supportdesk.ticket.security.TicketSecurityIntegrationTest.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.command.AcknowledgeTicket;
import com.supportdesk.contract.command.Command;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.testinfra.TopicReader;
import com.supportdesk.ticket.messaging.CommandIngress;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A command on ticket-commands is judged as its sender when the broker took it: a token valid then still counts
 * after it expires (a command queued while ticket-service was down, or far behind, is not lost to "unauthenticated"),
 * one that had expired already does not, and a producer cannot choose the time it is judged at. The records below are
 * handed to the ingress as the broker would deliver them, with a time in the past that a real broker cannot stamp; the
 * topic's stamping itself is checked on the real broker.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class QueuedCommandSenderIntegrationTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CommandIngress ingress;

    String account;
    String ticket;

    @BeforeEach
    void ticket() {
        account = newAccountId();
        ticket = openAs(TestTokens.token("carl-" + account, account, "customer"), account);
    }

    @Test
    void aCommandTheBrokerTookWhileItsTokenWasValidIsAppliedAfterTheTokenExpired() throws Exception {
        Instant now = Instant.now();
        String token = TestTokens.staff(now.minus(Duration.ofMinutes(30)), now.minusSeconds(60), "alice", "agent");

        ingress.consume(record(
                new AcknowledgeTicket(ticket, "on it"),
                token,
                TimestampType.LOG_APPEND_TIME,
                now.minus(Duration.ofMinutes(10))));

        as(TestTokens.staff("alice", "agent"))
                .when()
                .get("/api/tickets/{id}/events", ticket)
                .then()
                .statusCode(200)
                .body("type", contains("support.ticket.opened.v1", "support.ticket.acknowledged.v1"));
    }

    @Test
    void aTokenThatHadExpiredBeforeTheBrokerTookTheCommandIsRefusedAndReported() {
        Instant now = Instant.now();
        String token = TestTokens.staff(
                now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(20)), "alice", "agent");
        var record = record(
                new AcknowledgeTicket(ticket, "late"),
                token,
                TimestampType.LOG_APPEND_TIME,
                now.minus(Duration.ofMinutes(10)));

        assertThatThrownBy(() -> ingress.consume(record))
                .hasMessageStartingWith("unauthenticated:")
                .hasMessageContaining("had expired when the broker took the command");
        assertThat(TopicReader.body(rejection(ticket, header(record, CloudEventCodec.ID))))
                .contains("\"code\":\"unauthenticated\"");
        assertEventsAreOnlyTheOpening();
    }

    @Test
    void aProducersOwnTimeIsNotTheTimeATokenIsJudgedAt() {
        Instant now = Instant.now();
        String token = TestTokens.staff(now.minus(Duration.ofMinutes(30)), now.minusSeconds(60), "alice", "agent");
        var record = record(
                new AcknowledgeTicket(ticket, "backdated"),
                token,
                TimestampType.CREATE_TIME,
                now.minus(Duration.ofMinutes(10)));

        assertThatThrownBy(() -> ingress.consume(record))
                .hasMessageStartingWith("unauthenticated:")
                .hasMessageContaining("has expired");
        assertEventsAreOnlyTheOpening();
    }

    @Test
    void aTokenExpiredLongerThanTheTopicKeepsRecordsIsRefused() {
        Instant now = Instant.now();
        // seven days' grace (quarkus.oidc.queued-commands.token.lifespan-grace); this one expired eight days ago
        String token = TestTokens.staff(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)), "alice", "agent");
        var record = record(
                new AcknowledgeTicket(ticket, "ancient"),
                token,
                TimestampType.LOG_APPEND_TIME,
                now.minus(Duration.ofDays(8).plusHours(1)));

        assertThatThrownBy(() -> ingress.consume(record))
                .hasMessageStartingWith("unauthenticated:")
                .hasMessageContaining("not valid");
        assertEventsAreOnlyTheOpening();
    }

    @Test
    void theBrokerStampsTheCommandsTopicWithItsOwnTimeAndABackdatedCommandIsRefused() throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TICKET_COMMANDS);
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()))) {
            String type = admin.describeConfigs(List.of(topic))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .get("message.timestamp.type")
                    .value();
            assertThat(type).isEqualTo("LogAppendTime");
        }
        // a producer claims the command is ten minutes old, from when its (now expired) token was still valid
        Instant now = Instant.now();
        String token = TestTokens.staff(now.minus(Duration.ofMinutes(30)), now.minusSeconds(60), "alice", "agent");
        var command = new AcknowledgeTicket(ticket, "backdated");
        var claimed = record(command, token, TimestampType.CREATE_TIME, now.minus(Duration.ofMinutes(10)));
        TopicReader.send(
                Topics.TICKET_COMMANDS, ticket, headers(claimed), claimed.value(), now.minus(Duration.ofMinutes(10)));

        String commandId = header(claimed, CloudEventCodec.ID);
        ConsumerRecord<String, byte[]> stored = TopicReader.await(
                        Topics.TICKET_COMMANDS,
                        r -> commandId.equals(header(r, CloudEventCodec.ID)),
                        s -> !s.isEmpty(),
                        WAIT)
                .get(0);
        assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(Instant.ofEpochMilli(stored.timestamp())).isAfterOrEqualTo(now.minusSeconds(5));
        assertThat(TopicReader.body(rejection(ticket, commandId))).contains("\"code\":\"unauthenticated\"");
        assertEventsAreOnlyTheOpening();
    }

    @Test
    void aRestCallWithAnExpiredTokenIsRefusedWhateverItsPath() {
        Instant now = Instant.now();
        String token = TestTokens.staff(now.minus(Duration.ofMinutes(30)), now.minusSeconds(60), "alice", "agent");
        // a last path segment naming the queued commands' OIDC tenant must not select it
        as(token).when().get("/api/tickets/{id}", "queued-commands").then().statusCode(401);
        as(token).when().get("/api/tickets/{id}", ticket).then().statusCode(401);
    }

    private void assertEventsAreOnlyTheOpening() {
        as(TestTokens.staff("alice", "agent"))
                .when()
                .get("/api/tickets/{id}/events", ticket)
                .then()
                .statusCode(200)
                .body("type", contains("support.ticket.opened.v1"));
    }

    /** The record as a broker would deliver it: a new command id, the token as its sender's, the given time. */
    static ConsumerRecord<String, byte[]> record(Command command, String token, TimestampType type, Instant time) {
        Map<String, String> headers = new java.util.HashMap<>(CloudEventCodec.headers(new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(command.getClass()).type(),
                "/partner-test",
                command.targetId(),
                time,
                null,
                null,
                command)));
        headers.put("authorization", "Bearer " + token);
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((k, v) -> kafkaHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
        byte[] body = CloudEventCodec.body(command);
        return new ConsumerRecord<>(
                Topics.TICKET_COMMANDS,
                0,
                0L,
                time.toEpochMilli(),
                type,
                command.targetId().length(),
                body.length,
                command.targetId(),
                body,
                kafkaHeaders,
                Optional.empty());
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> out = new java.util.HashMap<>();
        record.headers().forEach(h -> out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return out;
    }
}
