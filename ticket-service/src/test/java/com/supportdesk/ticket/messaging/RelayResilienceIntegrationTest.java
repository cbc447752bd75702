package com.supportdesk.ticket.messaging;

import static com.supportdesk.testinfra.TopicReader.header;
import static com.supportdesk.ticket.TestData.newAccountId;
import static com.supportdesk.ticket.TestData.openTicket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.TopicReader;
import com.supportdesk.ticket.config.AxonSetup;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Nothing lost, nothing reordered: the relay survives its own restart and a broker outage. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class RelayResilienceIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Inject
    AxonSetup axon;

    /** Opens and acknowledges a ticket: two events, sequences 0 and 1. */
    static String openAndAcknowledge(String account) {
        String id = given().contentType(ContentType.JSON)
                .body(openTicket(account, "SEV3"))
                .when()
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/api/tickets/{id}/acknowledge", id)
                .then()
                .statusCode(200);
        return id;
    }

    /** Every ticket's two events arrive, each once at least, and in sequence order per ticket. */
    static void assertAllDeliveredInOrder(List<String> tickets) {
        Set<String> wanted = Set.copyOf(tickets);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.await(
                Topics.TICKET_EVENTS,
                r -> wanted.contains(r.key()),
                seen -> seen.stream().map(r -> header(r, "ce_id")).distinct().count() >= 2L * tickets.size(),
                Duration.ofSeconds(90));
        Map<String, List<String>> sequencesByTicket = new LinkedHashMap<>();
        Set<String> firstSeen = new java.util.HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (firstSeen.add(header(r, "ce_id"))) { // consumers drop duplicates by ce_id
                sequencesByTicket
                        .computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(header(r, "ce_sequence"));
            }
        }
        assertThat(sequencesByTicket).hasSize(tickets.size());
        assertThat(sequencesByTicket.values()).allSatisfy(s -> assertThat(s).containsExactly("0", "1"));
    }

    @Test
    void restartingTheRelayMidStreamLosesNothing() {
        String account = newAccountId();
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                axon.relayProcessor().shutDown();
            }
            if (i == 20) {
                axon.relayProcessor().start();
            }
            tickets.add(openAndAcknowledge(account));
        }
        assertAllDeliveredInOrder(tickets);
    }

    @Inject
    RelayBacklog backlog;

    /** A relay that publishes nothing shows as a backlog of stored events that only grows; caught up, it is 0. */
    @Test
    void aStoppedRelayShowsAsABacklogThatTheMetricReports() {
        String account = newAccountId();
        List<String> tickets = new ArrayList<>();
        tickets.add(openAndAcknowledge(account));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> backlog.measure() == 0);
        axon.relayProcessor().shutDown();
        try {
            for (int i = 0; i < 3; i++) {
                tickets.add(openAndAcknowledge(account));
            }
            assertThat(backlog.measure()).isEqualTo(6); // three tickets opened and acknowledged: six events
            assertThat(given().get("/q/metrics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .contains("support_relay_backlog_events 6.0");
        } finally {
            axon.relayProcessor().start();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> backlog.measure() == 0);
        assertAllDeliveredInOrder(tickets);
    }

    @Test
    void aBrokerOutageDelaysEventsButLosesNone() {
        String account = newAccountId();
        List<String> tickets = new ArrayList<>();
        tickets.add(openAndAcknowledge(account));
        RealInfrastructure.stopBroker();
        try {
            // The event store is the source of truth: commands keep working while Kafka is away.
            for (int i = 0; i < 10; i++) {
                tickets.add(openAndAcknowledge(account));
            }
            // and the service stays ready: its readiness does not hang on the Kafka consumer of ticket-commands
            io.restassured.path.json.JsonPath ready = given().get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(ready.getList("checks.data").toString()).doesNotContain("commands-in");
        } finally {
            RealInfrastructure.startBroker();
        }
        tickets.add(openAndAcknowledge(account));
        assertAllDeliveredInOrder(tickets);
    }
}
