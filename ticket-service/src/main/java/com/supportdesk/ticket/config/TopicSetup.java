package com.supportdesk.ticket.config;

import com.supportdesk.contract.Topics;
import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.TopicAdmin;
import com.supportdesk.support.config.KafkaSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

/**
 * Creates the topics ticket-service owns, with their pinned settings (ticket-events kept forever, account-events
 * compacted, ticket-commands stamped with the broker's time), before anything writes to them. Existing topics keep
 * their settings, except that ticket-commands is switched to the broker's time where this service may alter it.
 */
@ApplicationScoped
public class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private static final String TIMESTAMP_TYPE = TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG;
    /** LogAppendTime: a command is judged by its sender's token as of when the broker took it (CommandSenders). */
    private static final String BROKER_TIME =
            Topics.settings(Topics.TICKET_COMMANDS).get(TIMESTAMP_TYPE);

    @Inject
    KafkaSettings kafka;

    void ensureTopics() {
        List<NewTopic> wanted = List.of(
                kafka.topic(Topics.TICKET_COMMANDS),
                kafka.topic(Topics.deadLetter(Topics.TICKET_COMMANDS)),
                kafka.topic(Topics.TICKET_EVENTS),
                kafka.topic(Topics.ACCOUNT_EVENTS),
                kafka.topic(Topics.AUDIT_EVENTS));
        TopicAdmin.ensure(kafka.bootstrapServers(), wanted);
        stampCommandsWithBrokerTime();
    }

    /** A ticket-commands made before (or by auto-creation) still has producer times: switch it, or say what it means. */
    private void stampCommandsWithBrokerTime() {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TICKET_COMMANDS);
        try (Admin admin = Admin.create(KafkaClients.config(
                kafka.bootstrapServers(), Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            ConfigEntry type = admin.describeConfigs(List.of(topic))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .get(TIMESTAMP_TYPE);
            if (type != null && BROKER_TIME.equals(type.value())) {
                return;
            }
            var op = new AlterConfigOp(new ConfigEntry(TIMESTAMP_TYPE, BROKER_TIME), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Topic %s now stamps records with the broker's time", Topics.TICKET_COMMANDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf(
                    "Topic %s keeps its producers' times (%s): a command is judged by its token as of when it is"
                            + " processed, so commands queued while this service is down may be refused as"
                            + " unauthenticated. Set message.timestamp.type=LogAppendTime on the topic (runbook).",
                    Topics.TICKET_COMMANDS, e.getCause() != null ? e.getCause() : e);
        }
    }
}
