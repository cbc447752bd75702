package com.supportdesk.ticket.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import com.supportdesk.testinfra.KafkaAndPostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The event contract served for partners: schemas and the AsyncAPI document, without a token, cacheable. */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ContractEndpointIntegrationTest {

    @Test
    void aTypesSchemaIsServedAsCommittedWithoutATokenAndCanBeRevalidated() throws Exception {
        String committed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/support.sla.met.v1.json")) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var response = given().when()
                .get("/schemas/support.sla.met.v1.json")
                .then()
                .statusCode(200)
                .contentType("application/schema+json")
                .header("Cache-Control", containsString("max-age"))
                .header("ETag", not(emptyOrNullString()))
                .extract();
        assertThat(response.asString()).isEqualTo(committed);
        given().header("If-None-Match", response.header("ETag"))
                .when()
                .get("/schemas/support.sla.met.v1.json")
                .then()
                .statusCode(304);
    }

    @Test
    void theAsyncApiDocumentAndTheIndexPointAtTheServedSchemas() {
        given().when()
                .get("/schemas/asyncapi.yaml")
                .then()
                .statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("asyncapi: 3.0.0"), containsString("$ref: './support.ticket.opened.v1.json'"));
        given().when()
                .get("/schemas/")
                .then()
                .statusCode(200)
                .body("asyncapi", is("asyncapi.yaml"))
                .body("types.find { it.type == 'support.sla.met.v1' }.topic", is("sla-events"))
                .body(
                        "types.find { it.type == 'support.command.open-ticket.v1' }.schema",
                        is("support.command.open-ticket.v1.json"));
    }

    @Test
    void anUnknownSchemaIsAProblemNotAFile() {
        for (String file : new String[] {
            "support.ticket.exploded.v1.json", "..%2Fapplication.properties", "support.ticket.opened.v1.yaml"
        }) {
            given().urlEncodingEnabled(false)
                    .when()
                    .get("/schemas/" + file)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }
}
