package com.supportdesk.ticket.config;

import com.supportdesk.contract.Topics;
import com.supportdesk.support.TopicAdmin;
import com.supportdesk.support.config.KafkaSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics ticket-service owns, with their pinned settings (ticket-events kept forever, account-events
 * compacted), before anything writes to them. Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicSetup {
    @Inject
    KafkaSettings kafka;

    void ensureTopics() {
        List<NewTopic> wanted = List.of(
                topic(Topics.TICKET_COMMANDS, Map.of()),
                topic(Topics.deadLetter(Topics.TICKET_COMMANDS), Map.of()),
                topic(Topics.TICKET_EVENTS, Map.of("retention.ms", "-1")),
                topic(Topics.ACCOUNT_EVENTS, Map.of("cleanup.policy", "compact")),
                topic(Topics.AUDIT_EVENTS, Map.of("retention.ms", "-1")));
        TopicAdmin.ensure(kafka.bootstrapServers(), wanted);
    }

    private NewTopic topic(String name, Map<String, String> config) {
        return kafka.topic(name).configs(config);
    }
}
