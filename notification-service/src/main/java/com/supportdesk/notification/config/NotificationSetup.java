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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Builds the processor from configuration, and the tables and topics it needs. */
@ApplicationScoped
public class NotificationSetup {

    @Inject
    KafkaSettings kafka;

    @Inject
    NotificationSettings settings;

    /** Where webhooks may go (ADR 0007): public https targets, plus the hosts of this explicit allow-list. */
    @Produces
    @Singleton
    com.supportdesk.notification.webhook.WebhookTargets webhookTargets() {
        return new com.supportdesk.notification.webhook.WebhookTargets(
                settings.webhook().allowedHosts().orElse(List.of()));
    }

    /**
     * Webhook secrets sealed at rest with {@code support.notification.webhook.secret-keys} ({@code id:base64} pairs,
     * the first sealing); at start-up every stored secret not sealed with the first key is sealed with it.
     */
    @Produces
    @Singleton
    com.supportdesk.notification.webhook.WebhookSecrets webhookSecrets() {
        return new com.supportdesk.notification.webhook.WebhookSecrets(
                com.supportdesk.notification.webhook.SecretBox.of(
                        settings.webhook().secretKeys().orElse(null)),
                settings.webhook().secretOverlap());
    }

    @Produces
    @Singleton
    NotificationProcessor processor(
            AgroalDataSource dataSource,
            Engine engine,
            Clock clock,
            com.supportdesk.notification.webhook.WebhookSecrets secrets,
            org.flywaydb.core.Flyway flyway,
            Calendars calendars,
            com.supportdesk.support.Regions regions) {
        // the schema first (db/migration): whatever reads or writes a table is made after this
        flyway.migrate();
        secrets.resealAll(dataSource);
        TopicAdmin.ensure(
                kafka.bootstrapServers(),
                List.of(
                        kafka.topic(Topics.NOTIFICATION_EVENTS),
                        kafka.topic(Topics.AUDIT_EVENTS),
                        kafka.topic(Topics.deadLetter(Topics.TICKET_EVENTS)),
                        kafka.topic(Topics.deadLetter(Topics.SLA_EVENTS)),
                        kafka.topic(Topics.deadLetter(Topics.ESCALATION_EVENTS)),
                        kafka.topic(Topics.deadLetter(Topics.ACCOUNT_EVENTS)),
                        kafka.topic(Topics.REPORT_EVENTS),
                        kafka.topic(Topics.deadLetter(Topics.REPORT_EVENTS))));
        Map<EscalationTarget, String> addresses = new EnumMap<>(EscalationTarget.class);
        addresses.put(
                EscalationTarget.CRITICAL_SITUATION_MANAGER, settings.address().criticalSituationManager());
        addresses.put(EscalationTarget.SENIOR_MANAGEMENT, settings.address().seniorManagement());
        addresses.put(EscalationTarget.SUPPORT_MANAGEMENT, settings.address().supportManagement());
        return new NotificationProcessor(
                dataSource,
                MailTemplates.of(engine),
                calendars, // as sla-service publishes them on sla-config (the shipped ones until then)
                regions,
                clock,
                new NotificationProcessor.Settings(
                        addresses,
                        settings.accountWait(),
                        settings.seenRetention(),
                        settings.portalUrl(),
                        settings.deliveryRetention()));
    }
}
