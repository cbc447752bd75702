package com.supportdesk.sla.config;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.sla.engine.SlaEngine;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.policy.SlaPolicies;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the calendars, policies, engine and processor from configuration, and the tables they need. */
@ApplicationScoped
public class SlaSetup {

    @jakarta.inject.Inject
    SlaSettings settings;

    @Produces
    @Singleton
    SlaCatalog catalog() {
        Calendars calendars = Calendars.shipped();
        return new SlaCatalog(
                calendars,
                SlaPolicies.load(settings.policies(), settings.policyDir(), calendars),
                settings.defaultPolicy());
    }

    @Produces
    @Singleton
    SlaEngine engine(SlaCatalog catalog) {
        return new SlaEngine(catalog, settings.defaultRegion());
    }

    @Produces
    @Singleton
    SlaProcessor processor(
            AgroalDataSource dataSource,
            SlaEngine engine,
            SlaCatalog catalog,
            Clock clock,
            org.flywaydb.core.Flyway flyway,
            io.opentelemetry.api.OpenTelemetry otel,
            com.fasterxml.jackson.databind.ObjectMapper json) {
        // the schema first (db/migration): whatever reads or writes a table is made after this
        flyway.migrate();
        SlaProcessor processor = new SlaProcessor(dataSource, engine, catalog, clock)
                .tracedBy(com.supportdesk.support.Tracing.of(otel, SlaEngine.SOURCE));
        processor.loadExceptionalEvents();
        // the shipped calendars are the initial data: stored (and published) once, then changed through the API
        new CalendarAdmin(processor, catalog, clock, json).seed(Calendars.shippedDefinitions());
        new RegionAdmin(processor, catalog, clock, json, settings.defaultRegion()).seed();
        new PolicyAdmin(processor, catalog, clock, json).seed(catalog.policies().all());
        return processor;
    }

    @Produces
    @Singleton
    CalendarAdmin calendarAdmin(
            SlaProcessor processor, SlaCatalog catalog, Clock clock, com.fasterxml.jackson.databind.ObjectMapper json) {
        return new CalendarAdmin(processor, catalog, clock, json);
    }

    @Produces
    @Singleton
    PolicyAdmin policyAdmin(
            SlaProcessor processor, SlaCatalog catalog, Clock clock, com.fasterxml.jackson.databind.ObjectMapper json) {
        return new PolicyAdmin(processor, catalog, clock, json);
    }

    @Produces
    @Singleton
    RegionAdmin regionAdmin(
            SlaProcessor processor, SlaCatalog catalog, Clock clock, com.fasterxml.jackson.databind.ObjectMapper json) {
        return new RegionAdmin(processor, catalog, clock, json, settings.defaultRegion());
    }
}
