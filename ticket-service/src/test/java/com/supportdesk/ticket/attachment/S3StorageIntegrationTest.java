package com.supportdesk.ticket.attachment;

import static com.supportdesk.ticket.attachment.AttachmentIntegrationTest.sha256;
import static com.supportdesk.ticket.attachment.AttachmentIntegrationTest.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.supportdesk.testinfra.ClamdResource;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.S3Resource;
import com.supportdesk.testinfra.S3Server;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.ticket.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second storage: the bytes in a bucket of a real server that speaks the S3 API (s3proxy, checking Signature V4),
 * one object per content named by its SHA-256; the metadata stays in PostgreSQL. Chosen by
 * {@code support.attachments.storage=s3}.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ClamdResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = S3Resource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class S3StorageIntegrationTest {

    @Inject
    AttachmentStore store;

    @Inject
    AgroalDataSource dataSource;

    String account;
    String customer;

    @BeforeEach
    void account() {
        account = TestData.registeredAccount();
        customer = TestTokens.token("carla-" + account, account, "customer");
    }

    /** A log of about 1.2 MB (several chunks), different in every test. */
    static byte[] log() {
        StringBuilder s = new StringBuilder();
        String run = UUID.randomUUID().toString();
        for (int i = 0; s.length() < 1_200_000; i++) {
            s.append("2026-12-04T10:00:00Z INFO run ")
                    .append(run)
                    .append(" line ")
                    .append(i)
                    .append('\n');
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theBytesGoToTheBucketOncePerContentAndComeBackWhole() throws Exception {
        byte[] log = log();
        String hash = sha256(log);
        String first = upload(customer, log, "server.log")
                .then()
                .statusCode(201)
                .body("mediaType", equalTo("text/x-log"))
                .body("sha256", equalTo(hash))
                .extract()
                .path("id");
        upload(customer, log, "server-again.log").then().statusCode(201);

        assertThat(S3Server.shared().holds(S3Resource.BUCKET, "sha256/" + hash)).isTrue();
        assertThat(store.storedContents(hash)).isEqualTo(1);
        assertThat(chunkRows(hash)).as("no byte in PostgreSQL").isZero();

        Map<String, Object> body = TestData.openTicket(account, "SEV3");
        body.put("attachments", List.of(first));
        String ticket = given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        byte[] downloaded = given().auth()
                .oauth2(customer)
                .get("/api/tickets/" + ticket + "/attachments/" + first)
                .then()
                .statusCode(200)
                .header("ETag", org.hamcrest.Matchers.containsString(hash))
                .extract()
                .asByteArray();
        assertThat(sha256(downloaded)).isEqualTo(hash);
    }

    @Test
    void thePurgeDeletesTheObjectOfAnUnreferencedUploadAndKeepsAReferencedOnes() throws Exception {
        byte[] kept = log();
        byte[] dropped = log();
        String keptId = upload(customer, kept, "kept.log")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        upload(customer, dropped, "dropped.log").then().statusCode(201);
        Map<String, Object> body = TestData.openTicket(account, "SEV3");
        body.put("attachments", List.of(keptId));
        given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/tickets")
                .then()
                .statusCode(201);

        assertThat(store.purgeUploadedBefore(Instant.now().plusSeconds(60))).isGreaterThanOrEqualTo(1);

        assertThat(S3Server.shared().holds(S3Resource.BUCKET, "sha256/" + sha256(dropped)))
                .isFalse();
        assertThat(S3Server.shared().holds(S3Resource.BUCKET, "sha256/" + sha256(kept)))
                .isTrue();
    }

    @Test
    void whileTheBucketIsDownAnUploadIsA503WithRetryAfterAndNothingIsRecorded() throws Exception {
        byte[] log = log();
        S3Server.shared().stop();
        try {
            upload(customer, log, "server.log")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "60")
                    .body("code", equalTo("storage-unavailable"));
            assertThat(uploads(sha256(log))).as("no metadata without its bytes").isZero();
        } finally {
            S3Server.shared().start();
        }
        upload(customer, log, "server.log").then().statusCode(201);
        assertThat(S3Server.shared().holds(S3Resource.BUCKET, "sha256/" + sha256(log)))
                .isTrue();
    }

    private long chunkRows(String hash) throws Exception {
        return count("select count(*) from attachment_chunk where blob = ?", hash);
    }

    private long uploads(String hash) throws Exception {
        return count("select count(*) from attachment where sha256 = ?", hash);
    }

    private long count(String sql, String hash) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, hash);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
