package com.supportdesk.contract.model;

/** How notification-service reached a recipient. */
public enum NotificationChannel {
    /** An e-mail through the SMTP server; the recipient is an address. */
    EMAIL,
    /** A signed HTTP POST to a partner's subscription; the recipient is the subscription id. */
    WEBHOOK
}
