package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The event log's COPY rows: every field quoted, its quotes doubled, null as an empty unquoted field. */
class CsvQuotingTest {

    private static String quoted(String value) {
        return ReadModelWriter.quoted(new StringBuilder("x,"), value).toString();
    }

    @Test
    void quotesAreDoubledWhereverTheyStand() {
        assertThat(quoted(null)).isEqualTo("x,");
        assertThat(quoted("")).isEqualTo("x,\"\"");
        assertThat(quoted("plain")).isEqualTo("x,\"plain\"");
        assertThat(quoted("\"")).isEqualTo("x,\"\"\"\"");
        assertThat(quoted("{\"title\":\"Checkout \\\"down\\\"\",\"n\":1}"))
                .isEqualTo("x,\"{\"\"title\"\":\"\"Checkout \\\"\"down\\\"\"\"\",\"\"n\"\":1}\"");
        assertThat(quoted("a,b\nc\"")).isEqualTo("x,\"a,b\nc\"\"\"");
    }
}
