package com.supportdesk.sla.config;

import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.model.Region;
import com.supportdesk.sla.engine.SlaEngine;
import com.supportdesk.sla.engine.SlaProcessor;
import com.supportdesk.sla.policy.SlaPolicies;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the calendars, policies, engine and processor from configuration, and the tables they need. */
@ApplicationScoped
public class SlaSetup {

    @ConfigProperty(name = "support.sla.policies", defaultValue = "standard,tiered-1,tiered-2,tiered-3,tiered-3-rapid")
    List<String> policyIds;

    @ConfigProperty(name = "support.sla.policy-dir")
    Optional<Path> policyDir;

    @ConfigProperty(name = "support.sla.default-policy", defaultValue = "standard")
    String defaultPolicy;

    @ConfigProperty(name = "support.sla.default-region", defaultValue = "EUROPE")
    Region defaultRegion;

    @Produces
    @Singleton
    SlaCatalog catalog() {
        Calendars calendars = Calendars.shipped();
        return new SlaCatalog(calendars, SlaPolicies.load(policyIds, policyDir, calendars), defaultPolicy);
    }

    @Produces
    @Singleton
    SlaEngine engine(SlaCatalog catalog) {
        return new SlaEngine(catalog, defaultRegion);
    }

    @Produces
    @Singleton
    SlaProcessor processor(
            AgroalDataSource dataSource,
            SlaEngine engine,
            SlaCatalog catalog,
            Clock clock,
            org.flywaydb.core.Flyway flyway) {
        // the schema first (db/migration): whatever reads or writes a table is made after this
        flyway.migrate();
        SlaProcessor processor = new SlaProcessor(dataSource, engine, catalog, clock);
        processor.loadExceptionalEvents();
        return processor;
    }
}
