package com.supportdesk.sla.store;

import java.util.Map;

/** A ticket event held back because an earlier sequence number has not arrived. */
public record ParkedEvent(String ticketId, long sequence, Map<String, String> headers, byte[] body) {}
