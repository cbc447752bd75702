package com.supportdesk.bench;

import java.net.http.HttpRequest;

/**
 * The bearer token the benchmarks send with their REST calls: environment variable {@code SUPPORT_TOKEN}, which the
 * {@code run-*.sh} scripts fetch from the stack's Keycloak ({@code deploy/local/stack token USER}). Tokens live 15
 * minutes: a longer run needs a fresh one.
 */
final class BenchAuth {
    private BenchAuth() {}

    static HttpRequest.Builder bearer(HttpRequest.Builder request) {
        String token = System.getenv("SUPPORT_TOKEN");
        return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token);
    }
}
