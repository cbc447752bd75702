package com.supportdesk.bench;

import com.supportdesk.testinfra.PublishedRecords;
import java.util.List;

/**
 * Validates every record the services published on a running stack's topics against the published schemas, the way
 * the build does after each test class (test-infra's {@code PublishedRecords}: CloudEvents attributes, topic, key,
 * body with formats asserted). Prints how many records it checked and each violation; exits 1 if there is one.
 */
public final class ContractCheck {

    private ContractCheck() {}

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        long start = System.nanoTime();
        List<String> violations = PublishedRecords.violationsSinceLastCheck(bootstrap);
        violations.stream().limit(50).forEach(v -> System.out.println("VIOLATION " + v));
        System.out.printf(
                "RESULT records_checked=%d violations=%d seconds=%.1f%n",
                PublishedRecords.recordsChecked(), violations.size(), (System.nanoTime() - start) / 1e9);
        System.exit(violations.isEmpty() ? 0 : 1);
    }
}
