package com.supportdesk.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Rows for {@code COPY ... FROM STDIN} in PostgreSQL's text format, encoded straight into UTF-8 bytes and handed on in
 * chunks of 64 KB: a rebuild's poll of events is never one string. (It was: the rows of a poll built in a
 * {@code StringBuilder} of several megabytes, copied into a {@code String} and encoded again were arrays too large for
 * the young generation, and the garbage collector's work on them was a large part of what the rebuild cost.)
 * <p>
 * Fields are separated by a tab; null is {@code \N}; in a value a backslash, a tab, a line feed and a carriage return
 * are written as {@code \\}, {@code \t}, {@code \n} and {@code \r}, and every other byte as it is. None of those
 * bytes occurs inside a multi-byte UTF-8 sequence, so escaping byte by byte keeps the text intact. A JSON body goes in
 * as the bytes it arrived as, in one piece unless it holds a backslash. (The CSV format this replaced doubled every
 * quote, and a JSON body is full of them: its rows cost the rebuild's writer a third of its time in Java, and
 * PostgreSQL parses the text format faster too.)
 */
final class CopyText {
    static final int CHUNK = 64 * 1024;
    private static final byte[] NULL = {'\\', 'N'};

    /** Where full chunks go (the driver's copy stream; a buffer in tests). */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    private final Sink sink;
    private final byte[] chunk = new byte[CHUNK];
    private int used;
    private boolean rowStarted;

    CopyText(Sink sink) {
        this.sink = sink;
    }

    /** A field of text, escaped (null: SQL null). */
    CopyText text(String value) throws SQLException {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** A field of UTF-8 bytes, escaped (null: SQL null). */
    CopyText bytes(byte[] utf8) throws SQLException {
        separate();
        if (utf8 == null) {
            put(NULL, 0, NULL.length);
            return this;
        }
        int from = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte escaped = switch (utf8[i]) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0; // every other byte as it is
            };
            if (escaped != 0) {
                put(utf8, from, i - from);
                put((byte) '\\');
                put(escaped);
                from = i + 1;
            }
        }
        put(utf8, from, utf8.length - from);
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

    /**
     * A field that needs no escaping: ASCII without a backslash or a control character (a number, an instant's ISO
     * text, {@code t} or {@code f}; null: SQL null).
     */
    CopyText plain(String value) throws SQLException {
        if (value == null) {
            return bytes(null);
        }
        separate();
        for (int i = 0; i < value.length(); i++) {
            put((byte) value.charAt(i));
        }
        return this;
    }

    /** Ends the row. */
    CopyText endRow() throws SQLException {
        put((byte) '\n');
        rowStarted = false;
        return this;
    }

    /** The rows {@code COPY} reads, written by the caller. */
    @FunctionalInterface
    interface RowWriter {
        void write(CopyText rows) throws SQLException;
    }

    /**
     * Runs {@code copySql} ({@code COPY … FROM STDIN}, the text format) on {@code c} with the rows {@code rows} writes,
     * streamed in chunks; a failure half-way cancels the copy, so the connection stays usable and the transaction rolls
     * back.
     */
    static void copyIn(java.sql.Connection c, String copySql, RowWriter rows) throws SQLException {
        org.postgresql.copy.CopyIn in =
                c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            CopyText text = new CopyText(in::writeToCopy);
            rows.write(text);
            text.flush();
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
            put((byte) '\t');
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
