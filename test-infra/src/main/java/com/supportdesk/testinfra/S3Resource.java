package com.supportdesk.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Puts ticket-service's attachments in a bucket of the real S3-API server of this JVM ({@link S3Server}). */
public class S3Resource implements QuarkusTestResourceLifecycleManager {
    public static final String BUCKET = "support-attachments-test";

    @Override
    public Map<String, String> start() {
        S3Server s3 = S3Server.shared();
        return Map.of(
                "support.attachments.storage",
                "s3",
                "support.attachments.s3.endpoint",
                s3.endpoint().toString(),
                "support.attachments.s3.bucket",
                BUCKET,
                "support.attachments.s3.access-key",
                S3Server.ACCESS_KEY,
                "support.attachments.s3.secret-key",
                S3Server.SECRET_KEY,
                "support.attachments.s3.create-bucket",
                "true");
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; stopped by a shutdown hook.
    }
}
