package com.supportdesk.sla.store;

import java.util.Map;

/** A message waiting in the outbox. */
public record OutboxMessage(long id, String topic, String key, Map<String, String> headers, byte[] body) {
}
