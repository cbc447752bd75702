package com.supportdesk.reporting;

import static com.supportdesk.testinfra.ArchitectureRules.classesOf;
import static com.supportdesk.testinfra.ArchitectureRules.frameworkFreeClasses;
import static com.supportdesk.testinfra.ArchitectureRules.restTouchesNoSql;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** reporting-service's layering (test-infra's ArchitectureRules). */
class ArchitectureTest {
    static final JavaClasses CLASSES = classesOf("com.supportdesk.reporting");

    @Test
    void resourcesTouchNoSql() {
        restTouchesNoSql().check(CLASSES);
    }

    @Test
    void theFoldAndTheMonthlyReportArePlainCode() {
        frameworkFreeClasses(
                        "com.supportdesk.reporting.projection.ReadModelFold",
                        "com.supportdesk.reporting.report.MonthlyReport")
                .check(CLASSES);
    }
}
