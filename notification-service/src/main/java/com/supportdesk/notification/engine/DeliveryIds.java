package com.supportdesk.notification.engine;

import com.supportdesk.contract.model.NotificationChannel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A delivery's id derives from what caused it, the channel and the recipient, so neither a redelivered event nor a
 * restart can queue a second message to the same person (or subscription).
 */
public final class DeliveryIds {
    private DeliveryIds() {}

    public static String of(String triggerId, NotificationChannel channel, String recipient) {
        return UUID.nameUUIDFromBytes((triggerId + "\n" + channel + "\n" + recipient).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
