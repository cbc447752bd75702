package com.supportdesk.support.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any resource runs, a path or query parameter holding a control character (U+0000 to U+001F,
 * U+007F): no id, date or filter of the platform contains one, PostgreSQL refuses U+0000 in text (a 500 the fuzz
 * tests found), and a line break in an id would forge lines of the log.
 */
public class InputGuard {

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        if (hasControl(request.getUriInfo().getPath())) {
            return Problem.invalid("path", "must not contain control characters")
                    .response();
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (hasControl(e.getKey())) {
                return Problem.invalid("query", "must not contain control characters")
                        .response();
            }
            for (String v : e.getValue()) {
                if (hasControl(v)) {
                    return Problem.invalid(e.getKey(), "must not contain control characters")
                            .response();
                }
            }
        }
        return null;
    }

    static boolean hasControl(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
