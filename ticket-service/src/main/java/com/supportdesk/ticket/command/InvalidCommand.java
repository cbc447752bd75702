package com.supportdesk.ticket.command;

import com.supportdesk.contract.wire.Violation;
import java.util.List;

/** A command whose content is invalid (400 on REST, dead letter plus {@code CommandRejected} on Kafka). */
public class InvalidCommand extends RuntimeException {
    private final List<Violation> violations;

    public InvalidCommand(List<Violation> violations) {
        super(
                violations.isEmpty()
                        ? "invalid"
                        : violations.get(0).field() + " " + violations.get(0).reason(),
                null,
                false,
                false);
        this.violations = List.copyOf(violations);
    }

    public InvalidCommand(String field, String reason) {
        this(List.of(new Violation(field, reason)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
