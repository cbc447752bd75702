package com.supportdesk.support.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.supportdesk.contract.wire.Violation;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * RFC 9457 problem details, with the offending fields when the input was invalid. Shared by the services' REST
 * resources together with {@link ProblemMappers} (found through this jar's bean index).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://supportdesk.example/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, null, null);
    }

    public static Problem invalid(String field, String reason) {
        return new Problem(
                BASE + "invalid-input",
                "Invalid input",
                400,
                field + " " + reason,
                null,
                List.of(new Violation(field, reason)));
    }

    /** Several invalid fields at once (the first one in the detail). */
    public static Problem invalid(List<Violation> violations) {
        Violation first = violations.get(0);
        return new Problem(
                BASE + "invalid-input",
                "Invalid input",
                400,
                first.field() + " " + first.reason(),
                null,
                List.copyOf(violations));
    }

    /** The same problem with a machine-readable {@code code} (which rule refused it, e.g. ticket-closed). */
    public Problem withCode(String c) {
        return new Problem(type, title, status, detail, c, violations);
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** Thrown by resources; mapped to its problem document. */
    public static final class Failure extends RuntimeException {
        public final Problem problem;

        public Failure(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }
    }
}
