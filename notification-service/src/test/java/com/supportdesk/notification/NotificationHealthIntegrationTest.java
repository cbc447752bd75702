package com.supportdesk.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class NotificationHealthIntegrationTest {

    @org.junit.jupiter.api.BeforeAll
    static void authenticateAsStaff() {
        com.supportdesk.testinfra.RestAuth.staffByDefault();
    }

    @Test
    void reportsReadyWithItsName() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("notification-service"));
    }
}
