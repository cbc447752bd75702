package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rebuild's COPY rows ({@link CopyText}), PostgreSQL's text format: fields separated by tabs, null as {@code \N},
 * a backslash, tab, line feed and carriage return escaped, everything else as it is, the bytes handed on in chunks
 * that join up to exactly the rows. ({@code RowsIntegrationTest} reads such rows back through PostgreSQL.)
 */
class CopyTextTest {

    @FunctionalInterface
    private interface ThrowingRow {
        void write(CopyText rows) throws SQLException;
    }

    private static String rows(ThrowingRow row) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyText rows = new CopyText(out::write);
        row.write(rows);
        rows.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String field(String value) throws SQLException {
        return rows(c -> c.plain("x").text(value));
    }

    @Test
    void theFourSpecialBytesAreEscapedAndNothingElse() throws SQLException {
        assertThat(field(null)).isEqualTo("x\t\\N");
        assertThat(field("")).isEqualTo("x\t");
        assertThat(field("\\N")).isEqualTo("x\t\\\\N"); // the text "\N", not null
        assertThat(field("plain, \"quoted\"")).isEqualTo("x\tplain, \"quoted\"");
        assertThat(field("{\"title\":\"Checkout \\\"down\\\"\",\"n\":1}"))
                .isEqualTo("x\t{\"title\":\"Checkout \\\\\"down\\\\\"\",\"n\":1}");
        assertThat(field("a\tb\nc\r\nd\\")).isEqualTo("x\ta\\tb\\nc\\r\\nd\\\\");
        assertThat(field("bell\u0007")).isEqualTo("x\tbell\u0007");
        assertThat(field("\\.")).isEqualTo("x\t\\\\."); // never the end-of-data marker
    }

    @Test
    void textBeyondAsciiKeepsItsCharacters() throws SQLException {
        assertThat(field("Störung \"Kasse\" — 結帳 🚨\\")).isEqualTo("x\tStörung \"Kasse\" — 結帳 🚨\\\\");
    }

    @Test
    void rowsEndWithANewlineAndNullsAreMarked() throws SQLException {
        assertThat(rows(c -> c.text("a")
                        .plain(null)
                        .plain("42")
                        .endRow()
                        .text(null)
                        .bytes("b".getBytes(StandardCharsets.UTF_8))
                        .endRow()))
                .isEqualTo("a\t\\N\t42\n\\N\tb\n");
    }

    @Test
    void aBodyLongerThanAChunkArrivesWholeInChunksNoLargerThanOne() throws SQLException {
        StringBuilder json = new StringBuilder();
        while (json.length() < 3 * CopyText.CHUNK) {
            json.append("{\"k\":\"v\\\\w\"},");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        CopyText rows = new CopyText((b, off, len) -> {
            sizes.add(len);
            out.write(b, off, len);
        });
        rows.bytes(json.toString().getBytes(StandardCharsets.UTF_8)).endRow();
        rows.flush();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(json.toString().replace("\\", "\\\\") + "\n");
        assertThat(sizes).hasSizeGreaterThan(3).allMatch(n -> n <= CopyText.CHUNK);
    }

    @Test
    void malformedUtf8IsReplacedAsReadingItIntoAStringWould() {
        byte[] ascii = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] utf8 = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        byte[] malformed = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThat(CopyText.wellFormed(ascii)).isSameAs(ascii);
        assertThat(CopyText.wellFormed(utf8)).isSameAs(utf8);
        assertThat(new String(CopyText.wellFormed(malformed), StandardCharsets.UTF_8))
                .isEqualTo(new String(malformed, StandardCharsets.UTF_8))
                .contains("\uFFFD");
    }
}
