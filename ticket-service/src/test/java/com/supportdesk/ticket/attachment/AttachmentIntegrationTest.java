package com.supportdesk.ticket.attachment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.supportdesk.testinfra.ClamdResource;
import com.supportdesk.testinfra.ClamdServer;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.TestTokens;
import com.supportdesk.ticket.TestData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attachments over the real API, database and ClamAV daemon: a file is typed by its content, limited in size,
 * scanned, stored once per content, referenced by an opening or a message (whose events carry its metadata only), and
 * downloaded by whoever may read the ticket, and by nobody else.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ClamdResource.class, scope = TestResourceScope.GLOBAL)
class AttachmentIntegrationTest {
    /** A 1×1 PNG. */
    static final byte[] PNG = HexFormat.of()
            .parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Inject
    AttachmentStore store;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    String account;
    String customer;

    @BeforeEach
    void account() {
        account = TestData.newAccountId();
        given().auth()
                .oauth2(TestTokens.staff("adam", "admin"))
                .contentType(ContentType.JSON)
                .body(TestData.account(account, "EUROPE", "EN"))
                .post("/api/accounts")
                .then()
                .statusCode(201);
        customer = TestTokens.token("carla-" + account, account, "customer");
    }

    static Response upload(String token, byte[] bytes, String name) {
        return given().auth()
                .oauth2(token)
                .contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + name)
                .body(bytes)
                .post("/api/attachments");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    String openWith(List<String> attachments) {
        Map<String, Object> body = TestData.openTicket(account, "SEV3");
        body.put("attachments", attachments);
        return given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * ticket-service's pool ends a transaction left idle for two minutes (a frozen process's locks go), but an upload
     * waits for the client's body between its statements: its transaction allows its own time-out instead. The body
     * asks, between two chunks, what bound its transaction has (the same thread and transaction get the same
     * connection); outside an upload the pool's bound holds.
     */
    @Test
    void anUploadWaitingForTheClientsBodyHasALongerIdleBoundThanThePoolsTransactions() throws Exception {
        byte[] pdf = java.util.Arrays.copyOf(PDF, 3 * 256 * 1024 / 2); // a chunk and a half: padded with zeros
        List<String> seenMidUpload = new java.util.ArrayList<>();
        java.io.InputStream body = new java.io.ByteArrayInputStream(pdf) {
            private boolean asked;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (!asked && pos > 256 * 1024) { // the first chunk is written: the transaction is open
                    asked = true;
                    seenMidUpload.add(idleBound());
                }
                return super.read(b, off, len);
            }
        };

        com.supportdesk.contract.model.Attachment stored = store.upload(body, "long.pdf", "carla-" + account);

        assertThat(stored.size()).isEqualTo(pdf.length);
        assertThat(seenMidUpload).containsExactly("10min");
        assertThat(idleBound()).isEqualTo("2min");
    }

    private String idleBound() {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SHOW idle_in_transaction_session_timeout")) {
            r.next();
            return r.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aScreenshotIsTypedByContentAttachedAtOpeningAndDownloadedByTheTicketsReadersOnly() throws Exception {
        Response uploaded = upload(customer, PNG, "%C3%A9cran%201.png");
        uploaded.then()
                .statusCode(201)
                .body("fileName", equalTo("écran 1.png"))
                .body("mediaType", equalTo("image/png"))
                .body("size", equalTo(PNG.length))
                .body("sha256", equalTo(sha256(PNG)));
        String id = uploaded.path("id");
        String ticket = openWith(List.of(id));

        given().auth()
                .oauth2(customer)
                .get("/api/tickets/" + ticket)
                .then()
                .statusCode(200)
                .body("attachments[0].id", equalTo(id))
                .body("attachments[0].fileName", equalTo("écran 1.png"))
                .body("attachments[0].sha256", equalTo(sha256(PNG)));

        Response download = given().auth().oauth2(customer).get("/api/tickets/" + ticket + "/attachments/" + id);
        download.then()
                .statusCode(200)
                .contentType("image/png")
                .header("Content-Disposition", "attachment; filename*=UTF-8''%C3%A9cran%201.png")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("ETag", containsString(sha256(PNG)));
        assertThat(download.asByteArray()).isEqualTo(PNG);
        given().auth()
                .oauth2(TestTokens.staff("alice", "agent"))
                .get("/api/tickets/" + ticket + "/attachments/" + id)
                .then()
                .statusCode(200);

        // another account's customer: the ticket and its file do not exist for them
        String stranger = TestTokens.token("eve", TestData.newAccountId(), "customer");
        given().auth()
                .oauth2(stranger)
                .get("/api/tickets/" + ticket + "/attachments/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        // nor can they claim the upload for a ticket of theirs
        Map<String, Object> theirs = TestData.openTicket(account, "SEV3");
        theirs.put("attachments", List.of(id));
        given().auth()
                .oauth2(TestTokens.token("bob-" + account, account, "customer"))
                .contentType(ContentType.JSON)
                .body(theirs)
                .post("/api/tickets")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("attachments[0]"));
    }

    @Test
    void aMessageCarriesAPdfAndTheSameContentIsStoredOnce() throws Exception {
        String ticket = openWith(null);
        String first = upload(customer, PDF, "logs.pdf")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String again = upload(customer, PDF, "logs-again.pdf")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(again).isNotEqualTo(first);
        given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(Map.of("body", "Here are the logs", "attachments", List.of(first, again)))
                .post("/api/tickets/" + ticket + "/messages")
                .then()
                .statusCode(200)
                .body("messages[0].attachments.fileName", org.hamcrest.Matchers.contains("logs.pdf", "logs-again.pdf"))
                .body("messages[0].attachments[0].mediaType", equalTo("application/pdf"));
        byte[] got = given().auth()
                .oauth2(customer)
                .get("/api/tickets/" + ticket + "/attachments/" + again)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(got).isEqualTo(PDF);
        assertThat(store.storedContents(sha256(PDF)))
                .as("chunks of one content")
                .isEqualTo(1);
    }

    @Test
    void anExecutableNamedPngIsRefusedByItsContent() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        byte[] pe = {'P', 'E', 0, 0};
        System.arraycopy(pe, 0, exe, 0x80, 4);
        upload(customer, exe, "holiday.png")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("found in the content"))
                .body("detail", containsString("image/png"));
    }

    @Test
    void aFileOverTheLimitIsRefusedNamingTheLimit() {
        byte[] big = new byte[26 * 1024 * 1024];
        new Random(1).nextBytes(big);
        upload(customer, big, "dump.zip")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("26214400"));
    }

    @Test
    void theEicarTestFileIsRefusedAsMalwareAndNothingIsStored() throws Exception {
        ClamdServer.assumeInstalled();
        upload(customer, ClamdServer.eicar(), "readme.txt")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("malware-found"))
                .body("detail", containsString("Eicar-Test-Signature"));
        assertThat(store.storedContents(sha256(ClamdServer.eicar()))).isZero();
    }

    @Test
    void anUploadNoCommandReferencedIsPurgedAndAReferencedOneStays() throws Exception {
        byte[] text = ("log line " + account + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String kept = upload(customer, text, "kept.log")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String ticket = openWith(List.of(kept));
        byte[] other = ("other " + account + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String unused = upload(customer, other, "unused.log")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(store.purgeUploadedBefore(Instant.now().plusSeconds(60))).isGreaterThanOrEqualTo(1);
        assertThat(store.find(unused)).isEmpty();
        assertThat(store.storedContents(sha256(other))).isZero();
        given().auth()
                .oauth2(customer)
                .get("/api/tickets/" + ticket + "/attachments/" + kept)
                .then()
                .statusCode(200);
        Map<String, Object> late = TestData.openTicket(account, "SEV3");
        late.put("attachments", List.of(unused));
        given().auth()
                .oauth2(customer)
                .contentType(ContentType.JSON)
                .body(late)
                .post("/api/tickets")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("attachments[0]"));
    }

    @Test
    void anUploadNeedsItsNameAndTheLimitsAreThereToRead() {
        given().auth()
                .oauth2(customer)
                .contentType("application/octet-stream")
                .body(PNG)
                .post("/api/attachments")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("Content-Disposition"));
        given().auth()
                .oauth2(customer)
                .get("/api/attachments/limits")
                .then()
                .statusCode(200)
                .body("maxBytes", equalTo(26214400))
                .body("maxPerMessage", equalTo(10));
        given().auth()
                .oauth2(TestTokens.staff("olga", "ops"))
                .contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=a.png")
                .body(PNG)
                .post("/api/attachments")
                .then()
                .statusCode(403);
    }
}
