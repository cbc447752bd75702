package com.supportdesk.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * notification-service's settings, {@code support.notification.*} (environment: {@code SUPPORT_NOTIFICATION_*}), in
 * one typed place. The defaults are the shipped behaviour.
 */
@ConfigMapping(prefix = "support.notification")
public interface NotificationSettings {

    /** How long an event of an account not seen yet waits for it before it is told with what is known. */
    @WithDefault("PT1M")
    Duration accountWait();

    /** How long handled event ids are kept to drop redeliveries. */
    @WithDefault("P30D")
    Duration seenRetention();

    /**
     * How long a sent delivery (an e-mail or webhook call that went out, with its attempts and its trace) is kept for
     * the deliveries API before it is purged. Parked (failed) deliveries are kept until replayed.
     */
    @WithDefault("P90D")
    Duration deliveryRetention();

    /**
     * Where the customer space is (the portal): e-mails about a ticket to the customer side link to its page there,
     * {@code <portal-url>/tickets/<id>}.
     */
    @WithDefault("http://localhost:8086")
    String portalUrl();

    /** The vendor's own addresses for escalations. */
    Address address();

    /** The e-mail channel (SMTP). */
    Email email();

    /** The webhook channel. */
    Webhook webhook();

    /** The mail headers: the sender, the domain of Message-IDs. */
    Mail mail();

    /** The SMTP server (relay) e-mail goes through. */
    Smtp smtp();

    /** The delivery workers' timer. */
    Timer timer();

    /** The outbox relay (notification-events, audit, dead letters). */
    Outbox outbox();

    interface Address {
        @WithDefault("critical-situations@vendor.example")
        String criticalSituationManager();

        @WithDefault("senior-management@vendor.example")
        String seniorManagement();

        @WithDefault("support-management@vendor.example")
        String supportManagement();
    }

    interface Email {
        Retry retry();

        /** An SMTP exchange that gets no answer within this is given up and retried. */
        @WithDefault("PT30S")
        Duration timeout();

        /** Senders working at once (SMTP is the slow part), each for the recipients that hash to it. */
        @WithDefault("4")
        int senders();

        Digest digest();

        interface Retry {
            @WithDefault("PT10S")
            Duration first();

            @WithDefault("PT30M")
            Duration max();

            @WithDefault("10")
            int attempts();
        }

        interface Digest {
            /** A burst of at least this many due routine e-mails to one person goes as one digest (0 or 1: never). */
            @WithDefault("10")
            int min();

            /** The most notices in one digest. */
            @WithDefault("50")
            int max();
        }
    }

    interface Webhook {
        Retry retry();

        /** Connect and read time-out of one delivery. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Hosts that may receive webhooks although they are not public (the local stack, the tests). Off: none. */
        Optional<List<String>> allowedHosts();

        /** {@code id:base64} AES keys sealing the secrets at rest, the first one sealing. */
        Optional<String> secretKeys();

        /** How long a rotated secret still signs beside the new one. */
        @WithDefault("P1D")
        Duration secretOverlap();

        interface Retry {
            @WithDefault("PT10S")
            Duration first();

            @WithDefault("PT1H")
            Duration max();

            @WithDefault("8")
            int attempts();
        }
    }

    interface Mail {
        @WithDefault("supportdesk.example")
        String domain();

        /** The sender of every e-mail, {@code Name <address>}. */
        @WithDefault("Support <support@supportdesk.example>")
        String from();
    }

    interface Smtp {
        @WithDefault("localhost")
        String host();

        @WithDefault("25")
        int port();

        /** Whether the connection is upgraded to TLS: DISABLED, OPTIONAL (when offered), REQUIRED. */
        @WithDefault("OPTIONAL")
        com.supportdesk.notification.mail.SmtpClient.StartTls startTls();

        /** The relay's login, where it wants one (none: no login). */
        Optional<String> username();

        Optional<String> password();
    }

    interface Timer {
        @WithDefault("PT1S")
        Duration maxIdle();
    }

    interface Outbox {
        @WithDefault("PT0.5S")
        Duration maxIdle();
    }
}
