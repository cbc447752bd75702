package com.supportdesk.escalation.config;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.Topics;
import com.supportdesk.escalation.engine.EscalationProcessor;
import com.supportdesk.escalation.rules.EscalationPolicies;
import com.supportdesk.support.TopicAdmin;
import com.supportdesk.support.config.KafkaSettings;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** Builds the policies, calendars and processor from configuration, and the tables and topics they need. */
@ApplicationScoped
public class EscalationSetup {

    @jakarta.inject.Inject
    EscalationSettings settings;

    @Inject
    KafkaSettings kafka;

    @Produces
    @Singleton
    EscalationPolicies policies() {
        return EscalationPolicies.shipped(settings.defaultPlan());
    }

    @Produces
    @Singleton
    EscalationProcessor processor(
            AgroalDataSource dataSource,
            EscalationPolicies policies,
            Clock clock,
            org.flywaydb.core.Flyway flyway,
            Calendars calendars,
            com.supportdesk.support.Regions regions) {
        // the schema first (db/migration): whatever reads or writes a table is made after this
        flyway.migrate();
        TopicAdmin.ensure(
                kafka.bootstrapServers(),
                List.of(
                        kafka.topic(Topics.ESCALATION_EVENTS),
                        kafka.topic(Topics.TICKET_COMMANDS),
                        kafka.topic(Topics.deadLetter(Topics.TICKET_EVENTS)),
                        kafka.topic(Topics.deadLetter(Topics.SLA_EVENTS)),
                        kafka.topic(Topics.deadLetter(Topics.ACCOUNT_EVENTS))));
        // the calendars and regions as sla-service publishes them on sla-config (the shipped ones until then)
        return new EscalationProcessor(dataSource, policies, calendars, regions, clock);
    }
}
