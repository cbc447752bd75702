package com.supportdesk.sla;

import static com.supportdesk.testinfra.ArchitectureRules.classesOf;
import static com.supportdesk.testinfra.ArchitectureRules.frameworkFree;
import static com.supportdesk.testinfra.ArchitectureRules.restTouchesNoSql;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** sla-service's layering (test-infra's ArchitectureRules). */
class ArchitectureTest {
    static final JavaClasses CLASSES = classesOf("com.supportdesk.sla");

    @Test
    void resourcesTouchNoSql() {
        restTouchesNoSql().check(CLASSES);
    }

    @Test
    void theClockRulesAndPoliciesArePlainCode() {
        frameworkFree("com.supportdesk.sla.clock..", "com.supportdesk.sla.policy..")
                .check(CLASSES);
    }
}
