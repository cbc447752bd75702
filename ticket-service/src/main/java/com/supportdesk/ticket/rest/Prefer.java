package com.supportdesk.ticket.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * The request's {@code Prefer} header (RFC 7240), as far as this API honours it: {@code return=minimal} asks a command
 * to answer without the resource (the version in {@code ETag} only); {@code return=representation}, no header, or any
 * other preference keeps the full answer. Preferences are comma-separated and may come in several headers; names and
 * values are case-insensitive, a value may be quoted, and parameters after {@code ;} are ignored.
 */
final class Prefer {
    static final String MINIMAL = "return=minimal";

    private Prefer() {}

    /** Whether the request prefers a minimal answer. */
    static boolean minimal(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader("Prefer");
        return values != null && minimal(values);
    }

    static boolean minimal(List<String> headerValues) {
        for (String header : headerValues) {
            for (String preference : header.split(",")) {
                String bare = preference.split(";", 2)[0].trim();
                int eq = bare.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = bare.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = bare.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (name.equals("return")) {
                    // the first "return" decides (RFC 7240 §2: a later repetition of a preference is ignored)
                    return value.equalsIgnoreCase("minimal");
                }
            }
        }
        return false;
    }

    /** The answer says the preference was honoured ({@code Preference-Applied}), and that it varies by it. */
    static Response.ResponseBuilder applied(Response.ResponseBuilder answer) {
        return answer.header("Preference-Applied", MINIMAL).header("Vary", "Prefer");
    }
}
