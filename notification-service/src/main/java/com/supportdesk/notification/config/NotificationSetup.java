package com.supportdesk.notification.config;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.model.EscalationTarget;
import com.supportdesk.notification.engine.NotificationProcessor;
import com.supportdesk.notification.mail.MailTemplates;
import com.supportdesk.support.TopicAdmin;
import com.supportdesk.support.config.KafkaSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the processor from configuration, and the tables and topics it needs. */
@ApplicationScoped
public class NotificationSetup {

    @Inject
    KafkaSettings kafka;

    @ConfigProperty(name = "support.notification.account-wait", defaultValue = "PT1M")
    Duration accountWait;

    @ConfigProperty(name = "support.notification.seen-retention", defaultValue = "P30D")
    Duration seenRetention;

    @ConfigProperty(
            name = "support.notification.address.critical-situation-manager",
            defaultValue = "critical-situations@vendor.example")
    String criticalSituationManager;

    @ConfigProperty(
            name = "support.notification.address.senior-management",
            defaultValue = "senior-management@vendor.example")
    String seniorManagement;

    @ConfigProperty(
            name = "support.notification.address.support-management",
            defaultValue = "support-management@vendor.example")
    String supportManagement;

    /** Where webhooks may go (ADR 0007): public https targets, plus the hosts of this explicit allow-list. */
    @Produces
    @Singleton
    com.supportdesk.notification.webhook.WebhookTargets webhookTargets(
            @ConfigProperty(name = "support.notification.webhook.allowed-hosts")
                    java.util.Optional<List<String>> hosts) {
        return new com.supportdesk.notification.webhook.WebhookTargets(hosts.orElse(List.of()));
    }

    /**
     * Webhook secrets sealed at rest with {@code support.notification.webhook.secret-keys} ({@code id:base64} pairs,
     * the first sealing); at start-up every stored secret not sealed with the first key is sealed with it.
     */
    @Produces
    @Singleton
    com.supportdesk.notification.webhook.WebhookSecrets webhookSecrets(
            @ConfigProperty(name = "support.notification.webhook.secret-keys") java.util.Optional<String> keys,
            @ConfigProperty(name = "support.notification.webhook.secret-overlap", defaultValue = "P1D")
                    Duration overlap) {
        return new com.supportdesk.notification.webhook.WebhookSecrets(
                com.supportdesk.notification.webhook.SecretBox.of(keys.orElse(null)), overlap);
    }

    @Produces
    @Singleton
    NotificationProcessor processor(
            AgroalDataSource dataSource,
            Engine engine,
            Clock clock,
            com.supportdesk.notification.webhook.WebhookSecrets secrets,
            org.flywaydb.core.Flyway flyway) {
        // the schema first (db/migration): whatever reads or writes a table is made after this
        flyway.migrate();
        secrets.resealAll(dataSource);
        TopicAdmin.ensure(
                kafka.bootstrapServers(),
                List.of(
                        kafka.topic(Topics.NOTIFICATION_EVENTS).configs(Map.of("retention.ms", "-1")),
                        kafka.topic(Topics.AUDIT_EVENTS).configs(Map.of("retention.ms", "-1")),
                        kafka.topic(Topics.deadLetter(Topics.TICKET_EVENTS)),
                        kafka.topic(Topics.deadLetter(Topics.SLA_EVENTS)),
                        kafka.topic(Topics.deadLetter(Topics.ESCALATION_EVENTS)),
                        kafka.topic(Topics.deadLetter(Topics.ACCOUNT_EVENTS))));
        Map<EscalationTarget, String> addresses = new EnumMap<>(EscalationTarget.class);
        addresses.put(EscalationTarget.CRITICAL_SITUATION_MANAGER, criticalSituationManager);
        addresses.put(EscalationTarget.SENIOR_MANAGEMENT, seniorManagement);
        addresses.put(EscalationTarget.SUPPORT_MANAGEMENT, supportManagement);
        return new NotificationProcessor(
                dataSource,
                MailTemplates.of(engine),
                Calendars.shipped(),
                clock,
                new NotificationProcessor.Settings(addresses, accountWait, seenRetention));
    }
}
