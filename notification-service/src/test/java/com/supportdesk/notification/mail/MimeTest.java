package com.supportdesk.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The messages {@link Mime} writes, read back by a standard MIME parser (Jakarta Mail). */
class MimeTest {
    private static final ZonedDateTime DATE = ZonedDateTime.of(2026, 12, 6, 9, 30, 0, 0, ZoneOffset.UTC);
    private static final Mime.Address FROM = Mime.Address.parse("Support Desk <support@supportdesk.example>");

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    private static Mime.Message text(String subject, String body) {
        return new Mime.Message(
                FROM,
                "anna@customer.example",
                subject,
                List.of(Map.entry("Message-ID", "<d-1@supportdesk.example>"), Map.entry("X-Support-Delivery", "d-1")),
                body,
                null,
                null);
    }

    private static Mime.Message withHeader(String name, String value) {
        return new Mime.Message(FROM, "anna@customer.example", "s", List.of(Map.entry(name, value)), "t", null, null);
    }

    private static String content(Object part) throws Exception {
        return part instanceof InputStream in ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : (String) part;
    }

    private static List<String> lines(byte[] bytes) {
        return List.of(new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n", -1));
    }

    @Test
    void anAsciiTextGoesAs7bitAndEveryHeaderReadsBack() throws Exception {
        byte[] bytes = Mime.encode(
                text("Ticket TCK-1 acknowledged", "Hello,\nyour ticket\r\nwas acknowledged."), false, DATE, "b1");
        MimeMessage m = parse(bytes);
        assertThat(m.getSubject()).isEqualTo("Ticket TCK-1 acknowledged");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("support@supportdesk.example");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Support Desk");
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("anna@customer.example");
        assertThat(m.getMessageID()).isEqualTo("<d-1@supportdesk.example>");
        assertThat(m.getHeader("X-Support-Delivery")).containsExactly("d-1");
        assertThat(m.getSentDate().toInstant()).isEqualTo(DATE.toInstant());
        assertThat(m.getEncoding()).isEqualTo("7bit");
        assertThat(m.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(content(m.getContent())).isEqualTo("Hello,\r\nyour ticket\r\nwas acknowledged.\r\n");
        // every line ends in CRLF: no bare LF or CR anywhere
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", ""))
                .doesNotContain("\n", "\r");
    }

    @Test
    void aTextBeyondAsciiGoesQuotedPrintableOr8bitAndReadsBackTheSame() throws Exception {
        String body = "Grüße aus Köln — 東京の件です 🎫\n.leading dot\n" + "é".repeat(400) + "\ntrailing space \n=equals=";
        String subject = "Ticket TCK-2: Überweisung schlägt fehl — 支払いエラー 🎫 " + "ä".repeat(60);
        for (boolean eightBit : new boolean[] {false, true}) {
            byte[] bytes = Mime.encode(text(subject, body), eightBit, DATE, "b2");
            MimeMessage m = parse(bytes);
            assertThat(m.getSubject()).isEqualTo(subject);
            assertThat(m.getEncoding()).isEqualTo(eightBit ? "8bit" : "quoted-printable");
            assertThat(content(m.getContent())).isEqualTo(body.replace("\n", "\r\n") + "\r\n");
            for (String line : lines(bytes)) {
                // quoted-printable keeps lines under 77 characters, 8bit under SMTP's 998 bytes
                assertThat(line.length()).isLessThanOrEqualTo(eightBit ? Mime.MAX_LINE : 76);
            }
            if (!eightBit) {
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).matches("[\\x00-\\x7f]*");
            }
        }
    }

    @Test
    void aLineLongerThanSmtpCarriesGoesQuotedPrintableEvenWhen8bitIsOffered() throws Exception {
        String body = "x".repeat(2500) + "\nshort";
        byte[] bytes = Mime.encode(text("long", body), true, DATE, "b3");
        MimeMessage m = parse(bytes);
        assertThat(m.getEncoding()).isEqualTo("quoted-printable");
        assertThat(content(m.getContent())).isEqualTo("x".repeat(2500) + "\r\nshort\r\n");
        assertThat(lines(bytes)).allMatch(l -> l.length() <= 76);
    }

    @Test
    void aLongAsciiSubjectIsFoldedAndUnfoldsToItself() throws Exception {
        String subject = "Ticket TCK-3 " + "word ".repeat(40).strip();
        byte[] bytes = Mime.encode(text(subject, "x"), false, DATE, "b4");
        assertThat(lines(bytes)).allMatch(l -> l.length() <= 78);
        assertThat(parse(bytes).getSubject()).isEqualTo(subject);
    }

    @Test
    void lineBreaksInASubjectOrANameCannotAddAHeader() throws Exception {
        Mime.Message m = new Mime.Message(
                Mime.Address.parse("\"Evil\r\nBcc: x@attacker.example\" <support@supportdesk.example>"),
                "anna@customer.example",
                "Hello\r\nBcc: victim@attacker.example\r\n\r\nbody?",
                List.of(),
                "text",
                null,
                null);
        MimeMessage parsed = parse(Mime.encode(m, false, DATE, "b5"));
        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(parsed.getSubject()).isEqualTo("Hello  Bcc: victim@attacker.example    body?");
        assertThat(content(parsed.getContent())).isEqualTo("text\r\n");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo("support@supportdesk.example");
    }

    @Test
    void anAddressOrAHeaderValueThatCouldBreakOutOfItsLineIsRefused() {
        assertThatThrownBy(() -> new Mime.Message(
                        FROM, "anna@customer.example\r\nRCPT TO:<x@y>", "s", List.of(), "t", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> new Mime.Message(FROM, "anna", "s", List.of(), "t", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withHeader("X-Support-Subject", "tck-1\r\nBcc: x@y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Support-Subject");
    }

    @Test
    void aHeaderValueBeyondAsciiGoesAsEncodedWords() throws Exception {
        byte[] bytes = Mime.encode(withHeader("X-Support-Subject", "wartung-münchen-東京"), false, DATE, "b6");
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).matches("[\\x00-\\x7f]*");
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(parse(bytes).getHeader("X-Support-Subject")[0]))
                .isEqualTo("wartung-münchen-東京");
    }

    @Test
    void theReportIsATextAnHtmlAlternativeAndTheCsvAttached() throws Exception {
        byte[] csv = "severity;opened\nS1;3\nS2;ü\n".getBytes(StandardCharsets.UTF_8);
        Mime.Message report = new Mime.Message(
                FROM,
                "anna@customer.example",
                "Service level report 2026-11",
                List.of(Map.entry("Message-ID", "<r-1@supportdesk.example>")),
                "Dear customer,\nthe report.",
                "<p>Dear customer,</p>\n<p>the report — Übersicht.</p>",
                new Mime.Attachment("service-level-2026-11.csv", "text/csv; charset=utf-8", csv));
        MimeMessage m = parse(Mime.encode(report, false, DATE, "0123abcd"));
        assertThat(m.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) m.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(content(alternative.getBodyPart(0).getContent())).isEqualTo("Dear customer,\r\nthe report.\r\n");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(content(alternative.getBodyPart(1).getContent()))
                .isEqualTo("<p>Dear customer,</p>\r\n<p>the report — Übersicht.</p>\r\n");
        BodyPart attached = mixed.getBodyPart(1);
        assertThat(attached.getDisposition()).isEqualTo("attachment");
        assertThat(attached.getFileName()).isEqualTo("service-level-2026-11.csv");
        assertThat(attached.getContentType()).startsWith("text/csv");
        assertThat(attached.getInputStream().readAllBytes()).isEqualTo(csv);
    }
}
