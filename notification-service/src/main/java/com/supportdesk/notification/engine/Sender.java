package com.supportdesk.notification.engine;

import com.supportdesk.notification.store.NotificationStore.Delivery;

/** Hands one delivery to its channel: returns normally when it was accepted, throws with the reason otherwise. */
public interface Sender {
    void send(Delivery delivery, int attempt) throws Exception;
}
