package com.supportdesk.testinfra;

import io.restassured.RestAssured;

/** RestAssured's default credentials for tests that are not about authorisation. */
public final class RestAuth {
    private RestAuth() {}

    /**
     * Every request of the test carries a vendor-staff token ({@link TestTokens#allStaff()}) unless it says
     * otherwise ({@code given().auth().oauth2(other)} or {@code given().auth().none()}).
     */
    public static void staffByDefault() {
        // the default scheme only: a request specification would also freeze the port before Quarkus sets it
        RestAssured.authentication = RestAssured.oauth2(TestTokens.allStaff());
    }
}
