package com.supportdesk.reporting.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** A counter the projector moves after each applied event; the dashboard stream tells browsers when it moved. */
@ApplicationScoped
public class Changes {
    private final AtomicLong version = new AtomicLong();

    public void changed() {
        version.incrementAndGet();
    }

    public long version() {
        return version.get();
    }
}
