package com.supportdesk.portal.web;

import java.time.Instant;

/**
 * The service level of a ticket in a customer's words: what we promise next and by when. From the ticket as
 * ticket-service tells it (its state and times) and the running response clock's deadline as the read model has it
 * (sla-service's clock events); the deadline may not be known yet just after opening.
 */
public record ServiceLevel(Promise promise, Instant at) {

    public enum Promise {
        /** Not answered yet; the response clock's deadline is known. */
        ANSWER_BY,
        /** Not answered yet; no deadline known (yet). */
        ANSWER_SOON,
        /** Acknowledged: the first answer was given. */
        ANSWERED,
        /** Waiting on the customer: the clocks are paused. */
        PAUSED,
        /** Resolved: the customer confirms or rejects. */
        RESOLVED,
        CLOSED
    }

    /**
     * @param status ticket-service's status (OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, CLOSED)
     */
    public static ServiceLevel of(
            String status, Instant acknowledgedAt, Instant responseDeadline, Instant resolvedAt, Instant closedAt) {
        return switch (status == null ? "OPEN" : status) {
            case "CLOSED" -> new ServiceLevel(Promise.CLOSED, closedAt);
            case "RESOLVED" -> new ServiceLevel(Promise.RESOLVED, resolvedAt);
            case "WAITING_ON_CUSTOMER" -> new ServiceLevel(Promise.PAUSED, null);
            default ->
                acknowledgedAt != null
                        ? new ServiceLevel(Promise.ANSWERED, acknowledgedAt)
                        : responseDeadline != null
                                ? new ServiceLevel(Promise.ANSWER_BY, responseDeadline)
                                : new ServiceLevel(Promise.ANSWER_SOON, null);
        };
    }

    /**
     * The message key of a ticket's state for a customer, from either side's status: ticket-service's (IN_PROGRESS,
     * WAITING_ON_CUSTOMER) or the read model's (ACKNOWLEDGED, ON_HOLD).
     */
    public static String stateKey(String status) {
        return "state_"
                + switch (status == null ? "OPEN" : status) {
                    case "IN_PROGRESS", "ACKNOWLEDGED" -> "IN_PROGRESS";
                    case "WAITING_ON_CUSTOMER", "ON_HOLD" -> "WAITING";
                    case "RESOLVED" -> "RESOLVED";
                    case "CLOSED" -> "CLOSED";
                    default -> "OPEN";
                };
    }
}
