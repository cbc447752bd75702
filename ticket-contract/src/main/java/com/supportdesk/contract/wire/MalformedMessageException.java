package com.supportdesk.contract.wire;

/** A message that cannot be read: it goes to the dead-letter topic with this field and reason. */
public class MalformedMessageException extends RuntimeException {
    private final String field;

    public MalformedMessageException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
