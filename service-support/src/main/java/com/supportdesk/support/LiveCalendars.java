package com.supportdesk.support;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.support.config.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The support calendars of a service that counts business time but does not own the calendars (escalation-,
 * notification-, reporting-service): the shipped ones at start, then kept as sla-service publishes them on
 * {@code sla-config} ({@link SlaConfigFeed}). Made when first injected, so a service that does not use it does not
 * follow the topic.
 */
@ApplicationScoped
public class LiveCalendars {

    private volatile SlaConfigFeed feed;

    @Produces
    @Singleton
    Calendars calendars(KafkaSettings kafka, @ConfigProperty(name = "quarkus.application.name") String service) {
        Calendars calendars = Calendars.shipped();
        feed = new SlaConfigFeed(kafka.bootstrapServers(), calendars, service).start();
        return calendars;
    }

    void stop(@Observes ShutdownEvent ev) {
        SlaConfigFeed f = feed;
        if (f != null) {
            f.close();
        }
    }
}
