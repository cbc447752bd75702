package com.supportdesk.ticket.attachment;

import com.supportdesk.ticket.config.TicketSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether uploads are scanned for malware, and whether ClamAV's daemon answers. An unreachable daemon does not make
 * the service unready (everything but uploads works; uploads answer 503), but the check says so; scanning switched
 * off is reported as such.
 */
@Readiness
@ApplicationScoped
public class ScanningHealth implements HealthCheck {
    @Inject
    TicketSettings.Attachments settings;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("attachment-scanning").up();
        if (!settings.scan().enabled()) {
            return response.withData("scanning", "off: uploads are accepted unscanned")
                    .build();
        }
        String at = settings.scan().host() + ":" + settings.scan().port();
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(
                    new java.net.InetSocketAddress(
                            settings.scan().host(), settings.scan().port()),
                    1000);
            return response.withData("scanning", "on").withData("clamd", at).build();
        } catch (java.io.IOException e) {
            return response.withData("scanning", "on, but clamd at " + at + " does not answer: uploads get 503")
                    .build();
        }
    }
}
