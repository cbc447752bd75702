package com.supportdesk.support.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of time of every service: the system clock in UTC. Tests put their own {@code Clock} bean in its
 * place (it is a default bean) to move time instead of sleeping.
 */
@ApplicationScoped
public class SystemClock {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
