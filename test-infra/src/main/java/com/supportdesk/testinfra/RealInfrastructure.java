package com.supportdesk.testinfra;

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

    private static KafkaCluster kafka;
    private static EmbeddedPostgres postgres;

    private RealInfrastructure() {
    }

    public static synchronized KafkaCluster kafka() {
        if (kafka == null) {
            KafkaCluster cluster = new InVMKafkaCluster(KafkaClusterConfig.builder()
                    .kraftMode(true)
                    .brokersNum(1)
                    .brokerConfig("auto.create.topics.enable", "true")
                    .brokerConfig("num.partitions", "3")
                    .build());
            cluster.start();
            kafka = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(RealInfrastructure::closeKafka));
        }
        return kafka;
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
