package com.supportdesk.testinfra;

import com.supportdesk.contract.Topics;
import io.kroxylicious.testing.kafka.api.KafkaCluster;
import io.kroxylicious.testing.kafka.api.TerminationStyle;
import io.kroxylicious.testing.kafka.common.KafkaClusterConfig;
import io.kroxylicious.testing.kafka.invm.InVMKafkaCluster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real Kafka broker (KRaft, from Apache Kafka's own jars, in this JVM) and one real PostgreSQL server (embedded
 * binaries from Maven Central) per test JVM, started on first use and stopped when the JVM ends. No Docker.
 */
public final class RealInfrastructure {

    /** Set to the broker's bootstrap address once it runs, for checks that must not start it ({@link PublishedRecordsCheck}). */
    public static final String BOOTSTRAP_PROPERTY = "supportdesk.test.kafka.bootstrap";

    private static KafkaCluster kafka;
    private static EmbeddedPostgres postgres;

    private RealInfrastructure() {}

    public static synchronized KafkaCluster kafka() {
        if (kafka == null) {
            KafkaCluster cluster = new InVMKafkaCluster(KafkaClusterConfig.builder()
                    .kraftMode(true)
                    .brokersNum(1)
                    .brokerConfig("auto.create.topics.enable", "true")
                    .brokerConfig("num.partitions", "3")
                    .build());
            cluster.start();
            createPinnedTopics(cluster.getBootstrapServers());
            kafka = cluster;
            System.setProperty(BOOTSTRAP_PROPERTY, cluster.getBootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(RealInfrastructure::closeKafka));
        }
        return kafka;
    }

    /**
     * The platform's pinned topics exist from the start, as on a real cluster (where each producing service creates
     * its own): a consumer subscribed to several topics is then assigned all their partitions at once instead of
     * waiting for topics auto-created later by a test's first record.
     */
    private static void createPinnedTopics(String bootstrap) {
        // with their pinned settings (ticket-commands stamped with the broker's time, the event topics kept), as a
        // service or the Kubernetes manifests create them
        var topics = Topics.pinned().stream()
                .map(t -> new org.apache.kafka.clients.admin.NewTopic(t, 3, (short) 1).configs(Topics.settings(t)))
                .toList();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the pinned topics", e);
        }
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(RealInfrastructure::closePostgres));
        }
        return postgres;
    }

    /**
     * What the database's client sessions are doing right now (state, lock waits, open transactions, the query), one
     * line each: for a test's failure message.
     */
    public static String databaseActivity() {
        StringBuilder out = new StringBuilder();
        try (java.sql.Connection c = postgres().getPostgresDatabase().getConnection();
                java.sql.ResultSet r = c.createStatement()
                        .executeQuery("select pid, state, wait_event_type, wait_event, "
                                + "xact_start, backend_xid, left(query, 200) from pg_stat_activity "
                                + "where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
            while (r.next()) {
                for (int i = 1; i <= 7; i++) {
                    out.append(r.getString(i)).append(i < 7 ? " | " : "\n");
                }
            }
        } catch (java.sql.SQLException e) {
            out.append("(not readable: ").append(e.getMessage()).append(")");
        }
        return out.toString();
    }

    public static String bootstrapServers() {
        return kafka().getBootstrapServers();
    }

    public static String jdbcUrl() {
        return postgres().getJdbcUrl("postgres", "postgres");
    }

    /** Takes the broker down, as in a broker outage; {@link #startBroker()} brings it back on the same port. */
    public static void stopBroker() {
        kafka().stopNodes(id -> true, TerminationStyle.GRACEFUL);
    }

    public static void startBroker() {
        kafka().startNodes(id -> true);
    }

    private static synchronized void closeKafka() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception ignored) {
            // the JVM is ending
        }
    }

    private static synchronized void closePostgres() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException ignored) {
            // the JVM is ending
        }
    }
}
