package com.supportdesk.ticket.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.supportdesk.contract.wire.Violation;

import java.util.List;

/** RFC 9457 problem details, with the offending fields when the input was invalid. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://supportdesk.example/problems/";

    static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, null, null);
    }

    Problem withCode(String c) {
        return new Problem(type, title, status, detail, c, violations);
    }

    Problem withViolations(List<Violation> v) {
        return new Problem(type, title, status, detail, code, v);
    }
}
