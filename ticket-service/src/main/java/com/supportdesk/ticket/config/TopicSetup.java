package com.supportdesk.ticket.config;

import com.supportdesk.contract.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics ticket-service owns, with their pinned settings (ticket-events kept forever, account-events
 * compacted), before anything writes to them. Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "support.kafka.partitions", defaultValue = "3")
    int partitions;
    @ConfigProperty(name = "support.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    void ensureTopics() {
        List<NewTopic> wanted = List.of(
                topic(Topics.TICKET_COMMANDS, Map.of()),
                topic(Topics.deadLetter(Topics.TICKET_COMMANDS), Map.of()),
                topic(Topics.TICKET_EVENTS, Map.of("retention.ms", "-1")),
                topic(Topics.ACCOUNT_EVENTS, Map.of("cleanup.policy", "compact")));
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

    private NewTopic topic(String name, Map<String, String> config) {
        return new NewTopic(name, partitions, replicationFactor).configs(config);
    }
}
