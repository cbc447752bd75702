package com.supportdesk.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points Quarkus Mailer of an application under test at the real SMTP server process of this JVM. */
public class SmtpResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SmtpServer smtp = SmtpServer.shared();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtp.smtpPort()),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; stopped by a shutdown hook.
    }
}
