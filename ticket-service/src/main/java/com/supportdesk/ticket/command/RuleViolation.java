package com.supportdesk.ticket.command;

/**
 * A command that the current state does not allow (an illegal transition). Answered as 409 on REST and as a
 * {@code CommandRejected} event on Kafka.
 *
 * @see #code() a stable machine-readable reason, e.g. {@code ticket-closed}
 */
public class RuleViolation extends RuntimeException {
    private final String code;

    public RuleViolation(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
