package com.supportdesk.notification;

import static com.supportdesk.testinfra.ArchitectureRules.classesOf;
import static com.supportdesk.testinfra.ArchitectureRules.frameworkFree;
import static com.supportdesk.testinfra.ArchitectureRules.restTouchesNoSql;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** notification-service's layering (test-infra's ArchitectureRules). */
class ArchitectureTest {
    static final JavaClasses CLASSES = classesOf("com.supportdesk.notification");

    @Test
    void resourcesTouchNoSql() {
        restTouchesNoSql().check(CLASSES);
    }

    @Test
    void theNoticeRulesArePlainCode() {
        frameworkFree("com.supportdesk.notification.rules..").check(CLASSES);
    }
}
