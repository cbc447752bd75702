package com.supportdesk.ticket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of request bodies, so tests say what differs instead of repeating JSON. */
public final class TestData {
    private TestData() {}

    public static Map<String, Object> openTicket(String accountId, String severity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId);
        body.put("kind", "INCIDENT");
        body.put("severity", severity);
        body.put("title", "Checkout is down");
        body.put("description", "Since 09:00 every order fails with HTTP 500");
        body.put("application", "webshop");
        return body;
    }

    public static Map<String, Object> account(String accountId, String region, String language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId);
        body.put(
                "profile",
                Map.of(
                        "name", "Account " + accountId,
                        "region", region,
                        "language", language,
                        "supportPlan", "standard",
                        "primaryContact", contact("ann-" + accountId),
                        "backupContact", contact("bob-" + accountId),
                        "strategicAccountManager", contact("sam-" + accountId),
                        "outageNotificationList", List.of("ops@" + accountId + ".example"),
                        "applications", List.of("webshop")));
        return body;
    }

    public static Map<String, Object> contact(String userId) {
        return Map.of("userId", userId, "name", userId, "email", userId + "@example.com");
    }

    public static String newAccountId() {
        return "acc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a new account (EUROPE, English) as an administrator, over the API, and answers its id. */
    public static String registeredAccount() {
        String account = newAccountId();
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(com.supportdesk.testinfra.TestTokens.staff("adam", "admin"))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(account(account, "EUROPE", "EN"))
                .post("/api/accounts")
                .then()
                .statusCode(201);
        return account;
    }
}
