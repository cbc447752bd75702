package com.supportdesk.sla.config;

import com.supportdesk.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates sla-events and the dead-letter topics sla-service writes, when they do not exist yet. */
public final class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    public static void ensure(String bootstrapServers, int partitions, short replicationFactor) {
        List<NewTopic> wanted = List.of(
                new NewTopic(Topics.SLA_EVENTS, partitions, replicationFactor).configs(Map.of("retention.ms", "-1")),
                new NewTopic(Topics.deadLetter(Topics.TICKET_EVENTS), partitions, replicationFactor),
                new NewTopic(Topics.deadLetter(Topics.ACCOUNT_EVENTS), partitions, replicationFactor));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reach Kafka at " + bootstrapServers + " to create topics", e);
        }
    }
}
