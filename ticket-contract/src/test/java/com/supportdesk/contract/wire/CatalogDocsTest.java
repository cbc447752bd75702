package com.supportdesk.contract.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schemas and the AsyncAPI document are committed so partners can read them without a build. This test fails
 * when they no longer match the records. To refresh them after changing the contract:
 * {@code ./mvnw -pl ticket-contract test -Dtest=CatalogDocsTest -Dcatalog.write=true}.
 */
class CatalogDocsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void publishedSchemasAndAsyncApiMatchTheRecords() throws Exception {
        if (Boolean.getBoolean("catalog.write")) {
            CatalogDocs.write(ROOT);
        }
        Path dir = ROOT.resolve(CatalogDocs.SCHEMA_DIR);
        for (var e : CatalogDocs.schemas().entrySet()) {
            Path file = dir.resolve(e.getKey());
            assertThat(file)
                    .as("schema %s is published (see the class comment to refresh)", e.getKey())
                    .exists();
            assertThat(Files.readString(file))
                    .as("schema %s is up to date", e.getKey())
                    .isEqualTo(e.getValue());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no schema is left over for a type that no longer exists")
                    .containsExactlyInAnyOrderElementsOf(CatalogDocs.schemas().keySet());
        }
        assertThat(Files.readString(ROOT.resolve(CatalogDocs.ASYNCAPI_FILE)))
                .isEqualTo(CatalogDocs.asyncApi(CatalogDocs.SCHEMA_DIR_FROM_DOCS));
    }
}
