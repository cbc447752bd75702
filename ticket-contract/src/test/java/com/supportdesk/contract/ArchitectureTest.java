package com.supportdesk.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * ticket-contract is a library for every service and for partners: it depends on no framework (no Quarkus, CDI, JAX-RS,
 * Vert.x, Axon, Kafka client or JDBC), only on Jackson and the JDK.
 */
class ArchitectureTest {

    @Test
    void dependsOnNoFramework() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta.enterprise..",
                        "jakarta.inject..",
                        "jakarta.ws.rs..",
                        "io.vertx..",
                        "io.smallrye..",
                        "org.axonframework..",
                        "org.apache.kafka..",
                        "java.sql..",
                        "javax.sql..",
                        "org.hibernate..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.supportdesk.contract"));
    }
}
