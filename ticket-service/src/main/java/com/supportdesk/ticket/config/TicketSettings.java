package com.supportdesk.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * ticket-service's own settings, one mapping per group: {@code support.http.*}, {@code support.relay.*},
 * {@code support.queries.*}, {@code support.ingress.*} (environment: {@code SUPPORT_HTTP_*} and so on). One mapping
 * over all of {@code support} would claim the other settings under it. The Kafka settings are service-support's
 * {@code KafkaSettings}; the datasource and OIDC settings are Quarkus'.
 */
public final class TicketSettings {
    private TicketSettings() {}

    @ConfigMapping(prefix = "support.http")
    public interface Http {
        /** The largest request body accepted, in bytes (413 problem beyond). */
        @WithDefault("65536")
        long maxBodyBytes();
    }

    /** The relay of stored events to Kafka (Axon tracking processor). */
    @ConfigMapping(prefix = "support.relay")
    public interface Relay {
        /** Events per relay batch (one Kafka transaction, one token update). */
        @WithDefault("200")
        int batchSize();

        /**
         * How long the relay waits, once it has published every stored event, before it reads the store again: the
         * events stored meanwhile then go out as one batch (one token update, one wait for the broker), at most this
         * much later. 0: it follows the store's in-memory tail instead (Axon's default), every event a batch of its own
         * as it is stored, with a thread of the store's own reading each one back.
         */
        @WithDefault("100ms")
        java.time.Duration idleWait();

        /** Off only in tests that read the event store without Kafka. */
        @WithDefault("true")
        boolean enabled();
    }

    @ConfigMapping(prefix = "support.queries")
    public interface Queries {
        /** Ticket histories kept in memory for reads (least recently read dropped first). */
        @WithDefault("20000")
        int cachedHistories();
    }

    /** Commands arriving on {@code ticket-commands}. */
    @ConfigMapping(prefix = "support.ingress")
    public interface Ingress {
        /**
         * How often a command is retried when the infrastructure (database, broker) fails before the consumer stops
         * and the record is redelivered.
         */
        @WithDefault("8")
        int infrastructureRetries();
    }

    /** Files attached to tickets and messages ({@code support.attachments.*}, ADR 0017). */
    @ConfigMapping(prefix = "support.attachments")
    public interface Attachments {
        /** The largest file accepted, in bytes (413 beyond). */
        @WithDefault("26214400")
        long maxBytes();

        /** Files one ticket opening or one message may carry. */
        @WithDefault("10")
        int maxPerMessage();

        /** How long an upload no command referenced is kept before it is purged. */
        @WithDefault("PT24H")
        java.time.Duration unclaimedRetention();

        /** How often the purge looks for them. */
        @WithDefault("PT15M")
        java.time.Duration purgeEvery();

        Scan scan();

        /** Where the bytes live; the metadata always stays in ticket-service's PostgreSQL (ADR 0017). */
        @WithDefault("postgres")
        Storage storage();

        S3 s3();

        enum Storage {
            /** In ticket-service's own database, in chunks keyed by the content's SHA-256: nothing more to run. */
            POSTGRES,
            /** In a bucket of a server that speaks the S3 API, one object per content, keyed by its SHA-256. */
            S3
        }

        /** The bucket when {@code storage} is {@code s3}. */
        interface S3 {
            /** The server, e.g. https://s3.eu-west-1.amazonaws.com or http://minio:9000 (path-style addresses). */
            java.util.Optional<java.net.URI> endpoint();

            @WithDefault("support-attachments")
            String bucket();

            @WithDefault("us-east-1")
            String region();

            java.util.Optional<String> accessKey();

            java.util.Optional<String> secretKey();

            /** Objects are named this prefix followed by the content's SHA-256 in hex. */
            @WithDefault("sha256/")
            String prefix();

            /** Create the bucket at start-up when missing (local installations; in a cloud it is provisioned). */
            @WithDefault("false")
            boolean createBucket();

            @WithDefault("PT30S")
            java.time.Duration timeout();
        }

        /** Malware scanning by ClamAV's daemon (INSTREAM over TCP) before an upload is accepted. */
        interface Scan {
            /** Off only where no daemon can run; the health check then says so. */
            @WithDefault("true")
            boolean enabled();

            @WithDefault("localhost")
            String host();

            @WithDefault("3310")
            int port();

            /** How long to wait for the daemon's verdict after the last byte. */
            @WithDefault("PT30S")
            java.time.Duration timeout();
        }
    }
}
