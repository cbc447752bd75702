package com.supportdesk.notification.engine;

import com.supportdesk.notification.store.NotificationStore.Delivery;
import java.util.List;

/** Hands one delivery to its channel: returns normally when it was accepted, throws with the reason otherwise. */
public interface Sender {
    void send(Delivery delivery, int attempt) throws Exception;

    /** Hands several deliveries to one recipient over as one message (a digest), if the channel can. */
    default void sendDigest(String digestId, List<Delivery> members, int attempt) throws Exception {
        throw new UnsupportedOperationException("this channel sends no digests");
    }
}
