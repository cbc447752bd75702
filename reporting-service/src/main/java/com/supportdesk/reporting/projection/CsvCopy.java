package com.supportdesk.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * CSV rows for {@code COPY ... FROM STDIN (FORMAT csv)}, encoded straight into UTF-8 bytes and handed on in chunks of
 * 64 KB: a rebuild's poll of events is never one string. (It was: the rows of a poll built in a
 * {@code StringBuilder} of several megabytes, copied into a {@code String} and encoded again were arrays too large for
 * the young generation, and the garbage collector's work on them was a large part of what the rebuild cost.)
 * <p>
 * A field is empty (SQL null) or quoted, its quotes doubled; a JSON body goes in as the bytes it arrived as. The quote
 * byte never occurs inside a multi-byte UTF-8 sequence, so doubling it byte by byte keeps the text intact.
 */
final class CsvCopy {
    static final int CHUNK = 64 * 1024;
    private static final byte QUOTE = '"';

    /** Where full chunks go (the driver's copy stream; a buffer in tests). */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    private final Sink sink;
    private final byte[] chunk = new byte[CHUNK];
    private int used;
    private boolean rowStarted;

    CsvCopy(Sink sink) {
        this.sink = sink;
    }

    /** A field of text, quoted (null: an empty field, which COPY reads as null). */
    CsvCopy text(String value) throws SQLException {
        return value == null ? plain(null) : quoted(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A field of UTF-8 bytes, quoted (null: an empty field). */
    CsvCopy quoted(byte[] utf8) throws SQLException {
        separate();
        if (utf8 == null) {
            return this;
        }
        put(QUOTE);
        int from = 0;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == QUOTE) {
                put(utf8, from, i + 1 - from);
                put(QUOTE);
                from = i + 1;
            }
        }
        put(utf8, from, utf8.length - from);
        put(QUOTE);
        return this;
    }

    /**
     * The bytes as they are when they are well-formed UTF-8 (the case: what the decoder read as JSON), else the text
     * they decode to with replacement characters, encoded again, as reading them into a string did: one malformed
     * byte must not fail a whole {@code COPY}.
     */
    static byte[] wellFormed(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && bytes[i] >= 0) {
            i++; // ASCII, nearly always all of it
        }
        if (i == bytes.length) {
            return bytes;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, i, bytes.length - i));
            return bytes;
        } catch (java.nio.charset.CharacterCodingException malformed) {
            return new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A field that needs no quoting (a number, an instant's ISO text; null: an empty field). */
    CsvCopy plain(String value) throws SQLException {
        separate();
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                put((byte) value.charAt(i));
            }
        }
        return this;
    }

    /** Ends the row. */
    CsvCopy endRow() throws SQLException {
        put((byte) '\n');
        rowStarted = false;
        return this;
    }

    /** The rows {@code COPY} reads, written by the caller. */
    @FunctionalInterface
    interface RowWriter {
        void write(CsvCopy csv) throws SQLException;
    }

    /**
     * Runs {@code copySql} ({@code COPY … FROM STDIN (FORMAT csv)}) on {@code c} with the rows {@code rows} writes,
     * streamed in chunks; a failure half-way cancels the copy, so the connection stays usable and the transaction rolls
     * back.
     */
    static void copyIn(java.sql.Connection c, String copySql, RowWriter rows) throws SQLException {
        org.postgresql.copy.CopyIn in =
                c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            CsvCopy csv = new CsvCopy(in::writeToCopy);
            rows.write(csv);
            csv.flush();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Hands on what is left; the rows are complete. */
    void flush() throws SQLException {
        if (used > 0) {
            sink.write(chunk, 0, used);
            used = 0;
        }
    }

    private void separate() throws SQLException {
        if (rowStarted) {
            put((byte) ',');
        }
        rowStarted = true;
    }

    private void put(byte b) throws SQLException {
        if (used == CHUNK) {
            flush();
        }
        chunk[used++] = b;
    }

    private void put(byte[] bytes, int offset, int length) throws SQLException {
        while (length > 0) {
            if (used == CHUNK) {
                flush();
            }
            int n = Math.min(length, CHUNK - used);
            System.arraycopy(bytes, offset, chunk, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }
}
