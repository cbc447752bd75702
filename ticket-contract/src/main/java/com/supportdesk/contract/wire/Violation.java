package com.supportdesk.contract.wire;

/** One reason a message is invalid: the field (dotted path) and what is wrong with it. */
public record Violation(String field, String reason) {}
