package com.supportdesk.escalation;

import static com.supportdesk.testinfra.ArchitectureRules.classesOf;
import static com.supportdesk.testinfra.ArchitectureRules.frameworkFree;
import static com.supportdesk.testinfra.ArchitectureRules.restTouchesNoSql;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** escalation-service's layering (test-infra's ArchitectureRules). */
class ArchitectureTest {
    static final JavaClasses CLASSES = classesOf("com.supportdesk.escalation");

    @Test
    void resourcesTouchNoSql() {
        restTouchesNoSql().check(CLASSES);
    }

    @Test
    void theEscalationRulesArePlainCode() {
        frameworkFree("com.supportdesk.escalation.rules..").check(CLASSES);
    }
}
