package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event log's COPY rows ({@link CsvCopy}): every text field quoted, its quotes doubled, null as an empty unquoted
 * field, the bytes handed on in chunks that join up to exactly the rows.
 */
class CsvQuotingTest {

    @FunctionalInterface
    private interface ThrowingRow {
        void write(CsvCopy csv) throws SQLException;
    }

    private static String csv(ThrowingRow row) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvCopy csv = new CsvCopy(out::write);
        row.write(csv);
        csv.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String quoted(String value) throws SQLException {
        return csv(c -> c.plain("x").text(value));
    }

    @Test
    void quotesAreDoubledWhereverTheyStand() throws SQLException {
        assertThat(quoted(null)).isEqualTo("x,");
        assertThat(quoted("")).isEqualTo("x,\"\"");
        assertThat(quoted("plain")).isEqualTo("x,\"plain\"");
        assertThat(quoted("\"")).isEqualTo("x,\"\"\"\"");
        assertThat(quoted("{\"title\":\"Checkout \\\"down\\\"\",\"n\":1}"))
                .isEqualTo("x,\"{\"\"title\"\":\"\"Checkout \\\"\"down\\\"\"\"\",\"\"n\"\":1}\"");
        assertThat(quoted("a,b\nc\"")).isEqualTo("x,\"a,b\nc\"\"\"");
    }

    @Test
    void textBeyondAsciiKeepsItsCharacters() throws SQLException {
        assertThat(quoted("Störung \"Kasse\" — 結帳 🚨")).isEqualTo("x,\"Störung \"\"Kasse\"\" — 結帳 🚨\"");
    }

    @Test
    void rowsEndWithANewlineAndNullsAreEmptyFields() throws SQLException {
        assertThat(csv(c -> c.text("a")
                        .plain(null)
                        .plain("42")
                        .endRow()
                        .text(null)
                        .text("b")
                        .endRow()))
                .isEqualTo("\"a\",,42\n,\"b\"\n");
    }

    @Test
    void aBodyLongerThanAChunkArrivesWholeInChunksNoLargerThanOne() throws SQLException {
        StringBuilder json = new StringBuilder();
        while (json.length() < 3 * CsvCopy.CHUNK) {
            json.append("{\"k\":\"v\"},");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        CsvCopy csv = new CsvCopy((b, off, len) -> {
            sizes.add(len);
            out.write(b, off, len);
        });
        csv.quoted(json.toString().getBytes(StandardCharsets.UTF_8)).endRow();
        csv.flush();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("\"" + json.toString().replace("\"", "\"\"") + "\"\n");
        assertThat(sizes).hasSizeGreaterThan(3).allMatch(n -> n <= CsvCopy.CHUNK);
    }

    @Test
    void malformedUtf8IsReplacedAsReadingItIntoAStringWould() {
        byte[] ascii = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] utf8 = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        byte[] malformed = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThat(CsvCopy.wellFormed(ascii)).isSameAs(ascii);
        assertThat(CsvCopy.wellFormed(utf8)).isSameAs(utf8);
        assertThat(new String(CsvCopy.wellFormed(malformed), StandardCharsets.UTF_8))
                .isEqualTo(new String(malformed, StandardCharsets.UTF_8))
                .contains("\uFFFD");
    }
}
