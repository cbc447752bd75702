package com.supportdesk.sla;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class SlaHealthIntegrationTest {
    @Test
    void reportsReadyWithItsName() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", is("UP")).body("checks.name", hasItem("sla-service"));
    }
}
