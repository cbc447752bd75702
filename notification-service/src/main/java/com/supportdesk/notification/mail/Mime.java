package com.supportdesk.notification.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An e-mail as the bytes of its MIME message (RFC 5322, RFC 2045-2047, RFC 2231), built in one pass over the text:
 * lines end in CRLF, a subject or a name beyond ASCII goes as encoded words, a text part goes as 7bit when it is ASCII,
 * as 8bit when the server takes 8BITMIME, and as quoted-printable otherwise; an attachment goes as base64. The bytes
 * are not dot-stuffed (the SMTP transport does that as it writes them).
 *
 * <p>Every header value comes from the platform's own data, and some of it from customers (a ticket's title in the
 * subject): line breaks and other control characters in a subject or a name become spaces, and an address or a
 * header value that could break the header out of its line is refused, so no input can add a header or a part.
 */
public final class Mime {
    /** The longest line SMTP carries (RFC 5321 4.5.3.1.6, without the CRLF). */
    static final int MAX_LINE = 998;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** A mailbox: an optional display name and an address. */
    public record Address(String name, String address) {
        public Address {
            requireAddress(address);
        }

        /** {@code Name <local@domain>} or a bare {@code local@domain}. */
        public static Address parse(String mailbox) {
            String s = mailbox.strip();
            int open = s.lastIndexOf('<');
            if (open >= 0 && s.endsWith(">")) {
                String name = s.substring(0, open).strip();
                if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1)
                            .replace("\\\"", "\"")
                            .replace("\\\\", "\\");
                }
                return new Address(
                        name.isEmpty() ? null : name,
                        s.substring(open + 1, s.length() - 1).strip());
            }
            return new Address(null, s);
        }
    }

    /** A file sent with the message, as base64. */
    public record Attachment(String fileName, String contentType, byte[] content) {
        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            requireHeaderValue("Content-Type", contentType);
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A message: the sender, one recipient, the subject, further headers (names in printable ASCII, values without
     * control characters, as encoded words beyond ASCII), a text, and optionally an HTML alternative and an attachment.
     */
    public record Message(
            Address from,
            String to,
            String subject,
            List<Map.Entry<String, String>> headers,
            String text,
            String html,
            Attachment attachment) {
        public Message {
            Objects.requireNonNull(from, "from");
            requireAddress(to);
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
            headers = List.copyOf(headers);
            for (Map.Entry<String, String> h : headers) {
                requireHeaderName(h.getKey());
                requireHeaderValue(h.getKey(), h.getValue());
            }
        }
    }

    private Mime() {}

    /**
     * The message's bytes, {@code date} its Date header; {@code eightBit}: the server announced 8BITMIME, so a text
     * beyond ASCII may go unencoded. The boundary of a multipart message is {@code boundary} (letters and digits).
     */
    public static byte[] encode(Message m, boolean eightBit, ZonedDateTime date, String boundary) {
        Out out = new Out(1024 + m.text().length() * 2);
        out.header("Date", DATE.format(date));
        out.ascii("From: ").mailbox(m.from()).crlf();
        out.header("To", "<" + m.to() + ">");
        out.subject(m.subject());
        for (Map.Entry<String, String> h : m.headers()) {
            if (isAscii(h.getValue())) {
                out.header(h.getKey(), h.getValue());
            } else {
                out.ascii(h.getKey())
                        .ascii(": ")
                        .encodedWords(h.getValue(), h.getKey().length() + 2);
                out.crlf();
            }
        }
        out.header("MIME-Version", "1.0");
        String b = "=_" + boundary;
        if (m.attachment() != null) {
            out.header("Content-Type", "multipart/mixed; boundary=\"" + b + "m\"");
            out.crlf();
            out.ascii("--" + b + "m").crlf();
            body(out, m, eightBit, b);
            Attachment a = m.attachment();
            out.crlf().ascii("--" + b + "m").crlf();
            out.header("Content-Type", a.contentType() + "; name=" + parameter(a.fileName()));
            out.header("Content-Disposition", "attachment; " + fileName(a.fileName()));
            out.header("Content-Transfer-Encoding", "base64");
            out.crlf();
            out.bytes(Base64.getMimeEncoder(76, CRLF).encode(a.content())).crlf();
            out.crlf().ascii("--" + b + "m--").crlf();
        } else {
            body(out, m, eightBit, b);
        }
        return out.toByteArray();
    }

    /**
     * The text, or the text and its HTML alternative. In a multipart body the line break before a boundary belongs to
     * the boundary (RFC 2046 5.1.1), so one is written after each part, whose own last line break stays its own.
     */
    private static void body(Out out, Message m, boolean eightBit, String b) {
        if (m.html() == null) {
            text(out, "text/plain", m.text(), eightBit);
            return;
        }
        out.header("Content-Type", "multipart/alternative; boundary=\"" + b + "a\"");
        out.crlf();
        out.ascii("--" + b + "a").crlf();
        text(out, "text/plain", m.text(), eightBit);
        out.crlf().ascii("--" + b + "a").crlf();
        text(out, "text/html", m.html(), eightBit);
        out.crlf().ascii("--" + b + "a--").crlf();
    }

    /** A text part: its headers, a blank line, the text with its lines ending in CRLF. */
    private static void text(Out out, String type, String text, boolean eightBit) {
        byte[] utf8 = crlfLines(text);
        Encoding e = encodingOf(utf8, eightBit);
        out.header("Content-Type", type + "; charset=UTF-8");
        out.header("Content-Transfer-Encoding", e.header);
        out.crlf();
        if (e == Encoding.QUOTED_PRINTABLE) {
            out.quotedPrintable(utf8);
        } else {
            out.bytes(utf8);
        }
    }

    enum Encoding {
        SEVEN_BIT("7bit"),
        EIGHT_BIT("8bit"),
        QUOTED_PRINTABLE("quoted-printable");

        final String header;

        Encoding(String header) {
            this.header = header;
        }
    }

    /** 7bit for ASCII, 8bit beyond it where allowed, quoted-printable for the rest and for lines SMTP cannot carry. */
    static Encoding encodingOf(byte[] crlfText, boolean eightBit) {
        boolean ascii = true;
        int line = 0;
        for (byte b : crlfText) {
            if (b == '\n') {
                line = 0;
                continue;
            }
            if (b == 0 || ++line > MAX_LINE + 1) {
                return Encoding.QUOTED_PRINTABLE;
            }
            ascii &= b >= 0;
        }
        return ascii ? Encoding.SEVEN_BIT : eightBit ? Encoding.EIGHT_BIT : Encoding.QUOTED_PRINTABLE;
    }

    /** The text as UTF-8, every line break (CR, LF or CRLF) made CRLF, ending in one. */
    static byte[] crlfLines(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 16 + 2);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
                out.write('\r');
                out.write('\n');
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        if (in.length == 0 || in[in.length - 1] != '\n' && in[in.length - 1] != '\r') {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** A parameter value as a quoted string; beyond ASCII, its ASCII look-alike (see {@link #fileName} for the rest). */
    private static String parameter(String value) {
        if (!isAscii(value)) {
            return "\"" + asciiFallback(value) + "\"";
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code filename="…"}, and {@code filename*=UTF-8''…} as well for a name beyond ASCII (RFC 2231, RFC 6266). */
    private static String fileName(String name) {
        if (isAscii(name)) {
            return "filename=" + parameter(name);
        }
        StringBuilder pct = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                pct.append((char) c);
            } else {
                pct.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return "filename=" + parameter(name) + "; filename*=UTF-8''" + pct;
    }

    private static String asciiFallback(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 32 && c < 127 && c != '"' && c != '\\' ? c : '_');
        }
        return b.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 32 || c >= 127) {
                return false;
            }
        }
        return true;
    }

    private static int longestWord(String s) {
        int longest = 0;
        for (String w : s.split(" ")) {
            longest = Math.max(longest, w.length());
        }
        return longest;
    }

    /** Control characters (line breaks, tabs) as spaces: what a subject or a name may carry on one header line. */
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString().strip();
    }

    static void requireAddress(String address) {
        Objects.requireNonNull(address, "address");
        if (address.isEmpty() || address.length() > 254 || address.indexOf('@') < 1) {
            throw new IllegalArgumentException("not an e-mail address: " + printable(address));
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c >= 127 || c == '<' || c == '>' || c == ',' || c == '"' || c == '\\') {
                throw new IllegalArgumentException("not an e-mail address: " + printable(address));
            }
        }
    }

    private static void requireHeaderName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a header needs a name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || c == ':') {
                throw new IllegalArgumentException("not a header name: " + printable(name));
            }
        }
    }

    private static void requireHeaderValue(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.length() > MAX_LINE - name.length() - 2) {
            throw new IllegalArgumentException("header " + name + " is longer than a line");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "header " + name + " has a control character (a line break?): " + printable(value));
            }
        }
    }

    private static String printable(String s) {
        return s == null ? "null" : s.replaceAll("\\p{Cntrl}", "?");
    }

    /** The message's bytes as they are written, with the encodings header lines need. */
    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        Out ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                write(s.charAt(i));
            }
            return this;
        }

        Out crlf() {
            write('\r');
            write('\n');
            return this;
        }

        Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        void header(String name, String value) {
            ascii(name).ascii(": ").ascii(value).crlf();
        }

        /** A display name as an atom sequence, a quoted string, or encoded words; then the address in brackets. */
        Out mailbox(Address a) {
            String name = a.name() == null ? "" : oneLine(a.name());
            if (!name.isEmpty()) {
                if (!isAscii(name)) {
                    encodedWords(name, "From: ".length());
                } else if (name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ')) {
                    ascii(name);
                } else {
                    ascii("\"")
                            .ascii(name.replace("\\", "\\\\").replace("\"", "\\\""))
                            .ascii("\"");
                }
                ascii(" ");
            }
            return ascii("<").ascii(a.address()).ascii(">");
        }

        /** The subject on one line, folded at spaces past 78 characters; beyond ASCII as encoded words. */
        void subject(String subject) {
            String s = oneLine(subject);
            ascii("Subject: ");
            if (!isAscii(s) || longestWord(s) > 900) {
                encodedWords(s, "Subject: ".length());
                crlf();
                return;
            }
            int column = "Subject: ".length();
            boolean first = true;
            for (String word : s.split(" ", -1)) {
                if (!first) {
                    if (column + 1 + word.length() > 78 && column > 1) {
                        crlf();
                        column = 0;
                    }
                    ascii(" ");
                    column++;
                }
                ascii(word);
                column += word.length();
                first = false;
            }
            crlf();
        }

        /**
         * RFC 2047 B-encoded words, each line at most 76 characters (the first after {@code column} characters of
         * its header), never splitting a character, the words on lines of their own after the first.
         */
        void encodedWords(String s, int column) {
            byte[] chunk = new byte[45];
            int limit = Math.max(3, (76 - column - 12) / 4 * 3);
            int n = 0;
            boolean first = true;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                if (n + b.length > limit) {
                    word(chunk, n, first);
                    first = false;
                    limit = chunk.length;
                    n = 0;
                }
                System.arraycopy(b, 0, chunk, n, b.length);
                n += b.length;
                i += Character.charCount(cp);
            }
            if (n > 0) {
                word(chunk, n, first);
            }
        }

        private void word(byte[] chunk, int n, boolean first) {
            if (!first) {
                ascii("\r\n ");
            }
            ascii("=?UTF-8?B?");
            bytes(Base64.getEncoder().encode(java.util.Arrays.copyOf(chunk, n)));
            ascii("?=");
        }

        /**
         * Quoted-printable (RFC 2045 6.7) of CRLF-lined text: the line breaks stay hard breaks, other lines are broken
         * softly before 76 characters, a space or tab ending a line is encoded.
         */
        void quotedPrintable(byte[] crlfText) {
            int column = 0;
            for (int i = 0; i < crlfText.length; i++) {
                int c = crlfText[i] & 0xff;
                if (c == '\r' && i + 1 < crlfText.length && crlfText[i + 1] == '\n') {
                    crlf();
                    i++;
                    column = 0;
                    continue;
                }
                boolean lineEnd = i + 1 >= crlfText.length || crlfText[i + 1] == '\r';
                boolean literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !lineEnd);
                int width = literal ? 1 : 3;
                if (column + width > 75) {
                    ascii("=\r\n");
                    column = 0;
                }
                if (literal) {
                    write(c);
                } else {
                    write('=');
                    write(HEX[c >> 4]);
                    write(HEX[c & 15]);
                }
                column += width;
            }
        }
    }
}
