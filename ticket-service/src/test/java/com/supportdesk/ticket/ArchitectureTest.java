package com.supportdesk.ticket;

import static com.supportdesk.testinfra.ArchitectureRules.classesOf;
import static com.supportdesk.testinfra.ArchitectureRules.frameworkFreeClasses;
import static com.supportdesk.testinfra.ArchitectureRules.restTouchesNoSql;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** ticket-service's layering (test-infra's ArchitectureRules). */
class ArchitectureTest {
    static final JavaClasses CLASSES = classesOf("com.supportdesk.ticket");

    @Test
    void resourcesTouchNoSql() {
        restTouchesNoSql().check(CLASSES);
    }

    @Test
    void theTicketFoldIsPlainCode() {
        frameworkFreeClasses("com.supportdesk.ticket.query.TicketFold").check(CLASSES);
    }
}
