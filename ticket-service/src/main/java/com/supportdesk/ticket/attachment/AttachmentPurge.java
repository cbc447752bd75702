package com.supportdesk.ticket.attachment;

import com.supportdesk.ticket.config.TicketSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Purges, every {@code support.attachments.purge-every}, the uploads no command referenced within the retention (a
 * day by default). Several instances may purge at once: each delete is idempotent.
 */
@ApplicationScoped
public class AttachmentPurge {
    private static final Logger LOG = Logger.getLogger(AttachmentPurge.class);

    @Inject
    AttachmentStore store;

    @Inject
    TicketSettings.Attachments settings;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent started) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attachment-purge");
            t.setDaemon(true);
            return t;
        });
        long every = settings.purgeEvery().toMillis();
        timer.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
    }

    void purge() {
        try {
            store.purgeUnclaimed();
        } catch (RuntimeException e) {
            LOG.warnf(e, "The purge of unreferenced uploads failed; it runs again in %s", settings.purgeEvery());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
