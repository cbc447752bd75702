package com.supportdesk.testinfra;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test class that ran against this JVM's broker, checks what the services published in the meantime
 * ({@link PublishedRecords}); a record that does not match its published schema fails that class. Registered for
 * every test through the JUnit extension auto-detection the build turns on (the parent POM's Surefire
 * configuration), so no test can forget it.
 */
public class PublishedRecordsCheck implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        String bootstrap = System.getProperty(RealInfrastructure.BOOTSTRAP_PROPERTY);
        if (bootstrap == null
                || context.getParent().flatMap(ExtensionContext::getParent).isPresent()) {
            return; // no broker in this JVM, or a nested class (its enclosing class checks)
        }
        // Kafka loads its plugins through the context class loader, which after a Quarkus test is the application's
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        List<String> violations;
        try {
            thread.setContextClassLoader(PublishedRecords.class.getClassLoader());
            violations = PublishedRecords.violationsSinceLastCheck(bootstrap);
        } finally {
            thread.setContextClassLoader(previous);
        }
        System.out.printf(
                "[contract] %s: the services' records so far checked against their schemas: %,d%n",
                context.getDisplayName(), PublishedRecords.recordsChecked());
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " published record(s) do not match the contract "
                    + "(docs/events): " + String.join("\n  ", violations.subList(0, Math.min(25, violations.size()))));
        }
    }
}
