package com.supportdesk.support.config;

import com.supportdesk.contract.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Kafka settings every service shares: where the brokers are (the same list the Kafka connector reads) and how
 * the topics a service creates are laid out. {@code support.kafka.partitions} and
 * {@code support.kafka.replication-factor} apply to topics that do not exist yet; existing topics are left as they are.
 */
@ConfigMapping(prefix = "support.kafka")
public interface KafkaSettings {

    /** The brokers, {@code kafka.bootstrap.servers} unless set apart. */
    @WithDefault("${kafka.bootstrap.servers}")
    String bootstrapServers();

    /** Partitions of a topic the service creates. */
    @WithDefault("3")
    int partitions();

    /** Replicas of a topic the service creates (3 on a three-broker cluster). */
    @WithDefault("1")
    short replicationFactor();

    /**
     * A topic to create with these partitions and replicas and its pinned topic-level settings (retention, compaction,
     * whose time a record carries: {@link Topics#settings}), whichever service happens to create it first.
     */
    default NewTopic topic(String name) {
        return new NewTopic(name, partitions(), replicationFactor()).configs(Topics.settings(name));
    }
}
