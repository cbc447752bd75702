package com.supportdesk.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points ticket-service's malware scanning at the real ClamAV daemon of this JVM ({@link ClamdServer}). Without ClamAV
 * installed the scanning is switched off here, and the tests of scanning skip (or fail on CI).
 */
public class ClamdResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        if (!ClamdServer.installed()) {
            return Map.of("support.attachments.scan.enabled", "false");
        }
        return Map.of(
                "support.attachments.scan.enabled", "true",
                "support.attachments.scan.host", "127.0.0.1",
                "support.attachments.scan.port",
                        String.valueOf(ClamdServer.shared().port()));
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; stopped by a shutdown hook.
    }
}
