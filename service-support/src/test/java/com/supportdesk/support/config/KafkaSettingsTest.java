package com.supportdesk.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * Whichever service creates a topic first creates it with the contract's settings: escalation-service, which writes
 * ticket-commands and may start before ticket-service, used to create it with the producer's times.
 */
class KafkaSettingsTest {
    private final KafkaSettings settings = new KafkaSettings() {
        @Override
        public String bootstrapServers() {
            return "localhost:9092";
        }

        @Override
        public int partitions() {
            return 6;
        }

        @Override
        public short replicationFactor() {
            return 3;
        }
    };

    @Test
    void aServiceCreatesTicketCommandsStampedWithTheBrokersTimeAndKeptAWeek() {
        NewTopic commands = settings.topic(Topics.TICKET_COMMANDS);
        assertThat(commands.configs())
                .containsEntry("message.timestamp.type", "LogAppendTime")
                .containsEntry("retention.ms", "604800000");
        assertThat(commands.numPartitions()).isEqualTo(6);
        assertThat(commands.replicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void eventTopicsAreKeptTheLatestVersionTopicsCompactedAndDeadLettersKeptThirtyDays() {
        assertThat(settings.topic(Topics.TICKET_EVENTS).configs())
                .containsExactlyEntriesOf(java.util.Map.of("retention.ms", "-1"));
        assertThat(settings.topic(Topics.SLA_EVENTS).configs()).containsEntry("retention.ms", "-1");
        assertThat(settings.topic(Topics.ACCOUNT_EVENTS).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(settings.topic(Topics.SLA_CONFIG).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(settings.topic(Topics.deadLetter(Topics.TICKET_EVENTS)).configs())
                .containsExactlyEntriesOf(java.util.Map.of("retention.ms", "2592000000"));
        assertThat(settings.topic("someone-elses-topic").configs()).isEmpty();
    }
}
