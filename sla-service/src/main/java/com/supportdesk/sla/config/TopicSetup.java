package com.supportdesk.sla.config;

import com.supportdesk.contract.Topics;
import com.supportdesk.support.TopicAdmin;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates sla-events and the dead-letter topics sla-service writes, when they do not exist yet. */
public final class TopicSetup {

    private TopicSetup() {}

    public static void ensure(String bootstrapServers, int partitions, short replicationFactor) {
        TopicAdmin.ensure(
                bootstrapServers,
                List.of(
                        new NewTopic(Topics.SLA_EVENTS, partitions, replicationFactor)
                                .configs(Map.of("retention.ms", "-1")),
                        new NewTopic(Topics.AUDIT_EVENTS, partitions, replicationFactor)
                                .configs(Map.of("retention.ms", "-1")),
                        new NewTopic(Topics.deadLetter(Topics.TICKET_EVENTS), partitions, replicationFactor),
                        new NewTopic(Topics.deadLetter(Topics.ACCOUNT_EVENTS), partitions, replicationFactor)));
    }
}
