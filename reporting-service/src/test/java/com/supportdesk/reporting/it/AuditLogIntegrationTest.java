package com.supportdesk.reporting.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.AuditDetail;
import com.supportdesk.contract.event.AuditRecorded;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit trail as admins read it: every entry on audit-events once (a redelivery adds none), filtered by actor and
 * time; only admins read it; a record that is no audit entry goes to audit-events.dlq and the trail goes on.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AuditLogIntegrationTest {
    static final String ADMIN = TestTokens.staff("adam", "admin");

    static AuditRecorded entry(String actor, String action, String target, Instant at) {
        return new AuditRecorded(
                UUID.randomUUID().toString(),
                action,
                "notification-service",
                "id-" + actor,
                actor,
                List.of("partner"),
                "portal",
                "203.0.113.9",
                "webhook",
                target,
                null,
                List.of(new AuditDetail("url", "https://93.184.215.14/h")),
                at);
    }

    static void publish(AuditRecorded a) {
        CloudEvent envelope = new CloudEvent(
                a.auditId(),
                Catalog.of(AuditRecorded.class).type(),
                a.service(),
                a.targetId(),
                a.at(),
                null,
                a.accountId(),
                a);
        TopicReader.send(Topics.AUDIT_EVENTS, a.targetId(), CloudEventCodec.headers(envelope), CloudEventCodec.body(a));
    }

    @Test
    void adminsReadTheTrailByActorAndTimeAndEachEntryIsThereOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-02T10:00:00Z");
        AuditRecorded first = entry("pia-" + run, "webhook.subscribed", "w1-" + run, t0);
        AuditRecorded second = entry("pia-" + run, "webhook.secret-rotated", "w1-" + run, t0.plusSeconds(3600));
        AuditRecorded other = entry("paul-" + run, "webhook.subscribed", "w2-" + run, t0.plusSeconds(60));
        publish(first);
        publish(second);
        publish(other);
        publish(first); // redelivered

        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(ADMIN)
                                .queryParam("actor", "pia-" + run)
                                .get("/api/audit")
                                .jsonPath()
                                .getInt("total")
                        == 2);
        given().auth()
                .oauth2(ADMIN)
                .queryParam("actor", "pia-" + run)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items.auditId", equalTo(List.of(second.auditId(), first.auditId()))) // newest first
                .body("items[1].details[0].name", equalTo("url"))
                .body("items[1].clientId", equalTo("portal"))
                .body("items[1].address", equalTo("203.0.113.9"));
        given().auth()
                .oauth2(ADMIN)
                .queryParam("actor", "id-pia-" + run)
                .get("/api/audit")
                .then()
                .body("total", equalTo(2)); // by user id as well as by name
        // paged by key, one at a time: the same entries, newest first, then no next
        var firstPage = given().auth()
                .oauth2(ADMIN)
                .queryParam("actor", "pia-" + run)
                .queryParam("limit", 1)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items.auditId", equalTo(List.of(second.auditId())))
                .extract()
                .jsonPath();
        given().auth()
                .oauth2(ADMIN)
                .queryParam("actor", "pia-" + run)
                .queryParam("limit", 1)
                .queryParam("cursor", firstPage.getString("next"))
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("items.auditId", equalTo(List.of(first.auditId())))
                .body("next", org.hamcrest.Matchers.nullValue());
        given().auth()
                .oauth2(ADMIN)
                .queryParam("cursor", "nonsense")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("cursor"));
        given().auth()
                .oauth2(ADMIN)
                .queryParam("actor", "pia-" + run)
                .queryParam("from", t0.plusSeconds(1).toString())
                .queryParam("to", t0.plusSeconds(7200).toString())
                .get("/api/audit")
                .then()
                .body("items.auditId", equalTo(List.of(second.auditId())));
        given().auth()
                .oauth2(ADMIN)
                .queryParam("targetId", "w2-" + run)
                .get("/api/audit")
                .then()
                .body("items.actorName", equalTo(List.of("paul-" + run)));

        // refused: not an admin, a bad time
        given().auth()
                .oauth2(TestTokens.staff("olga", "ops"))
                .get("/api/audit")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth().none().get("/api/audit").then().statusCode(401);
        given().auth()
                .oauth2(ADMIN)
                .queryParam("from", "yesterday")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
        given().auth()
                .oauth2(ADMIN)
                .queryParam("from", t0.toString())
                .queryParam("to", t0.toString())
                .get("/api/audit")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("to"));
    }

    @Test
    void aRecordThatIsNoAuditEntryIsDeadLetteredAndTheTrailGoesOn() {
        String key = "junk-" + UUID.randomUUID();
        TopicReader.send(
                Topics.AUDIT_EVENTS,
                key,
                Map.of("ce_type", "support.audit.recorded.v1"),
                "not json".getBytes(StandardCharsets.UTF_8));
        String unknown = "unknown-" + UUID.randomUUID();
        TopicReader.send(
                Topics.AUDIT_EVENTS,
                unknown,
                Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        unknown,
                        "ce_type",
                        "support.audit.something-else.v1",
                        "ce_source",
                        "x",
                        "ce_subject",
                        unknown,
                        "ce_time",
                        Instant.now().toString()),
                "{}".getBytes(StandardCharsets.UTF_8));
        AuditRecorded after = entry("ann", "webhook.subscribed", "w3-" + UUID.randomUUID(), Instant.now());
        publish(after);

        var dead = TopicReader.await(
                Topics.deadLetter(Topics.AUDIT_EVENTS),
                r -> key.equals(r.key()) || unknown.equals(r.key()),
                s -> s.size() >= 2,
                Duration.ofSeconds(30));
        assertThat(dead)
                .allSatisfy(r ->
                        assertThat(TopicReader.header(r, "dead-letter-reason")).isNotBlank());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(ADMIN)
                                .queryParam("targetId", after.targetId())
                                .get("/api/audit")
                                .jsonPath()
                                .getInt("total")
                        == 1);
        given().auth()
                .oauth2(ADMIN)
                .queryParam("targetId", key)
                .get("/api/audit")
                .then()
                .body("total", equalTo(0))
                .body("items.size()", equalTo(0));
        given().auth()
                .oauth2(ADMIN)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .header("Content-Type", containsString("application/json"));
    }
}
