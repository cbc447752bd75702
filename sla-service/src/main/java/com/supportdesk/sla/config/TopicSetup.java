package com.supportdesk.sla.config;

import com.supportdesk.contract.Topics;
import com.supportdesk.support.TopicAdmin;
import com.supportdesk.support.config.KafkaSettings;
import java.util.List;

/** Creates sla-events, sla-config and the dead-letter topics sla-service writes, when they do not exist yet. */
public final class TopicSetup {

    private TopicSetup() {}

    public static void ensure(KafkaSettings kafka) {
        TopicAdmin.ensure(
                kafka.bootstrapServers(),
                List.of(
                        kafka.topic(Topics.SLA_EVENTS),
                        kafka.topic(Topics.AUDIT_EVENTS),
                        // the whole latest version of every calendar, region and policy, kept for ever
                        kafka.topic(Topics.SLA_CONFIG),
                        kafka.topic(Topics.deadLetter(Topics.TICKET_EVENTS)),
                        kafka.topic(Topics.deadLetter(Topics.ACCOUNT_EVENTS))));
    }
}
