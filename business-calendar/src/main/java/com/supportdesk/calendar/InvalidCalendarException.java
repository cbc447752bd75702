package com.supportdesk.calendar;

/** A calendar definition that cannot be used, naming the field (e.g. {@code hours.MONDAY[0]}) and the reason. */
public final class InvalidCalendarException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidCalendarException(String field, String reason) {
        super(reason);
        this.field = field;
        this.reason = reason;
    }

    /** The field, as a path from the calendar's root (empty for the calendar as a whole). */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    /** The same problem, found inside {@code prefix} (a path Jackson reports, e.g. {@code holidays[2]}). */
    InvalidCalendarException under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        return new InvalidCalendarException(field.isEmpty() ? prefix : prefix + "." + field, reason);
    }
}
