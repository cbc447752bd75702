package com.supportdesk.contract.wire;

import java.time.Instant;

/**
 * The wire form of every message on the pinned topics: CloudEvents 1.0 attributes (sent as {@code ce_*} Kafka
 * headers, binary mode) around a JSON body.
 *
 * @param sequence the per-aggregate sequence number (extension {@code sequence}); null for messages outside an
 *                 aggregate's history (commands, rejections)
 * @param accountId the client account concerned (extension {@code accountid}), so subscribers can filter without
 *                  parsing the body; null when the message concerns no single account
 */
public record CloudEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        Long sequence,
        String accountId,
        Object data) {}
