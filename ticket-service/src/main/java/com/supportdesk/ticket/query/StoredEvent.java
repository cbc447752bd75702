package com.supportdesk.ticket.query;

import java.time.Instant;

/** One event of an aggregate's history as {@code GET /api/tickets/{id}/events} shows it (CloudEvents attributes). */
public record StoredEvent(String id, String type, long sequence, Instant time, Object data) {}
