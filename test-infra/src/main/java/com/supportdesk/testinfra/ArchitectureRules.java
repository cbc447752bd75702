package com.supportdesk.testinfra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service keeps, as ArchUnit rules its unit tests check over its own classes (not the tests):
 * REST resources reach the database only through a store or service (no {@code java.sql} in them), and the rules and
 * folds, where the support agreements live, import no framework (Quarkus, CDI, JAX-RS, Vert.x, Axon, Kafka, JDBC), so
 * they stay plain functions that a unit test can drive.
 */
public final class ArchitectureRules {
    /** Packages of frameworks and infrastructure that pure code must not touch. */
    public static final String[] FRAMEWORKS = {
        "io.quarkus..",
        "jakarta.enterprise..",
        "jakarta.inject..",
        "jakarta.ws.rs..",
        "jakarta.persistence..",
        "io.vertx..",
        "io.smallrye..",
        "org.axonframework..",
        "org.apache.kafka..",
        "java.sql..",
        "javax.sql..",
        "io.agroal..",
        "org.hibernate.."
    };

    private ArchitectureRules() {}

    /** The production classes under {@code basePackage}. */
    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /** REST resources do not use JDBC themselves. */
    public static ArchRule restTouchesNoSql() {
        return noClasses()
                .that()
                .resideInAPackage("..rest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..")
                .because("a resource reads and writes through a store or a service, which owns the SQL");
    }

    /** The classes in these packages (the rules, the folds) are free of frameworks. */
    public static ArchRule frameworkFree(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS)
                .because("the agreements' rules are plain code, testable without a container");
    }

    /** The named classes (a fold, a report; their nested classes too) are free of frameworks. */
    public static ArchRule frameworkFreeClasses(String... classNames) {
        String names = java.util.Arrays.stream(classNames)
                .map(n -> java.util.regex.Pattern.quote(n) + "(\\$.*)?")
                .collect(java.util.stream.Collectors.joining("|"));
        return noClasses()
                .that()
                .haveNameMatching(names)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS)
                .because("a fold is a plain function of the events, testable without a container");
    }
}
