package com.supportdesk.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points notification-service under test at the real SMTP server process of this JVM. */
public class SmtpResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SmtpServer smtp = SmtpServer.shared();
        return Map.of(
                "support.notification.smtp.host",
                "127.0.0.1",
                "support.notification.smtp.port",
                String.valueOf(smtp.smtpPort()));
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; stopped by a shutdown hook.
    }
}
