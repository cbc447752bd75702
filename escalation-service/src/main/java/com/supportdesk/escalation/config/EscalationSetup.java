package com.supportdesk.escalation.config;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.Topics;
import com.supportdesk.escalation.engine.EscalationProcessor;
import com.supportdesk.escalation.rules.EscalationPolicies;
import com.supportdesk.support.TopicAdmin;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the policies, calendars and processor from configuration, and the tables and topics they need. */
@ApplicationScoped
public class EscalationSetup {

    @ConfigProperty(name = "support.escalation.default-plan", defaultValue = "standard")
    String defaultPlan;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "support.kafka.partitions", defaultValue = "3")
    int partitions;

    @ConfigProperty(name = "support.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    EscalationPolicies policies() {
        return EscalationPolicies.shipped(defaultPlan);
    }

    @Produces
    @Singleton
    EscalationProcessor processor(
            AgroalDataSource dataSource, EscalationPolicies policies, Clock clock, org.flywaydb.core.Flyway flyway) {
        // the schema first (db/migration): whatever reads or writes a table is made after this
        flyway.migrate();
        TopicAdmin.ensure(
                bootstrapServers,
                List.of(
                        new NewTopic(Topics.ESCALATION_EVENTS, partitions, replicationFactor)
                                .configs(Map.of("retention.ms", "-1")),
                        new NewTopic(Topics.TICKET_COMMANDS, partitions, replicationFactor),
                        new NewTopic(Topics.deadLetter(Topics.TICKET_EVENTS), partitions, replicationFactor),
                        new NewTopic(Topics.deadLetter(Topics.SLA_EVENTS), partitions, replicationFactor),
                        new NewTopic(Topics.deadLetter(Topics.ACCOUNT_EVENTS), partitions, replicationFactor)));
        return new EscalationProcessor(dataSource, policies, Calendars.shipped(), clock);
    }
}
