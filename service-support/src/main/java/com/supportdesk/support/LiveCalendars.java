package com.supportdesk.support;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.support.config.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The support calendars and regions of a service that uses them but does not own them (ticket-, escalation-,
 * notification-, reporting-service): the shipped ones at start, then kept as sla-service publishes them on
 * {@code sla-config} ({@link SlaConfigFeed}). The topic is followed from the first injection of either, so a service
 * that uses neither does not follow it.
 */
@ApplicationScoped
public class LiveCalendars {

    @Inject
    KafkaSettings kafka;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private Calendars calendars;
    private Regions regions;
    private SlaConfigFeed feed;

    private synchronized SlaConfigFeed follow() {
        if (feed == null) {
            calendars = Calendars.shipped();
            regions = Regions.shipped();
            feed = new SlaConfigFeed(kafka.bootstrapServers(), calendars, regions, service).start();
        }
        return feed;
    }

    @Produces
    @Singleton
    Calendars calendars() {
        follow();
        return calendars;
    }

    @Produces
    @Singleton
    Regions regions() {
        follow();
        return regions;
    }

    synchronized void stop(@Observes ShutdownEvent ev) {
        if (feed != null) {
            feed.close();
        }
    }
}
