package com.supportdesk.notification.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP connection (RFC 5321), kept open between messages and owned by one sender thread: a message is the
 * envelope (one round trip with PIPELINING, three without) and its content written at once, dot-stuffed, then the
 * server's answer. STARTTLS (RFC 3207) as the settings ask, AUTH PLAIN or LOGIN (RFC 4954) when a login is configured
 * and the server offers one, 8BITMIME (RFC 6152) when offered.
 *
 * <p>A connection found closed by the server (idle too long, a 421) when a message's envelope starts is opened again
 * once and the message sent on the new one: nothing of the message had been accepted. Any failure after its content
 * started closes the connection and throws, and the caller retries the message later; the server may then have the
 * message twice at most, with the same Message-ID (ADR 0007). Every read waits at most the settings' timeout.
 */
public final class SmtpClient implements AutoCloseable {
    /** Whether the connection is upgraded with STARTTLS. */
    public enum StartTls {
        /** Never, even when offered. */
        DISABLED,
        /** When the server offers it. */
        OPTIONAL,
        /** Always: a server that does not offer it gets no mail. */
        REQUIRED
    }

    /** Where and how to connect. {@code helo}: the name this client gives in EHLO. */
    public record Settings(
            String host,
            int port,
            StartTls startTls,
            Optional<String> username,
            Optional<String> password,
            Duration timeout,
            String helo) {}

    /** The server answered a command with a refusal; {@code code} is its reply code. */
    public static final class Refused extends IOException {
        private final int code;

        Refused(String what, Reply reply) {
            super("the SMTP server refused " + what + ": " + reply);
            this.code = reply.code;
        }

        public int code() {
            return code;
        }
    }

    /** A reply: its code and its text lines joined. */
    record Reply(int code, String text) {
        boolean positive() {
            return code >= 200 && code < 400;
        }

        @Override
        public String toString() {
            return code + " " + text;
        }
    }

    private static final int MAX_REPLY_LINE = 4096;

    private final Settings settings;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Set<String> extensions = new HashSet<>();
    private final List<String> auth = new ArrayList<>();

    public SmtpClient(Settings settings) {
        this.settings = settings;
    }

    /**
     * Sends one message from {@code from} to {@code to}: {@code content} makes its bytes (CRLF lines, not dot-stuffed),
     * told whether the server takes 8-bit content.
     */
    public synchronized void send(String from, String to, Function<Boolean, byte[]> content) throws IOException {
        Mime.requireAddress(from);
        Mime.requireAddress(to);
        boolean reused = socket != null;
        if (!reused) {
            open();
        }
        byte[] data;
        try {
            data = envelope(from, to, content);
        } catch (IOException e) {
            if (!closing(e)) {
                throw e;
            }
            close();
            if (!reused) {
                throw e;
            }
            // the server had closed the connection kept open: nothing of this message was taken, so once more
            open();
            try {
                data = envelope(from, to, content);
            } catch (IOException again) {
                if (closing(again)) {
                    close();
                }
                throw again;
            }
        }
        try {
            writeData(data);
            expect("the message", reply(), 250);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The connection is gone: broken, or closing by the server's word (421); a refusal otherwise leaves it usable. */
    private static boolean closing(IOException e) {
        return !(e instanceof Refused r) || r.code() == 421;
    }

    /** The content for what the connection takes, and its envelope; the content is returned to be written. */
    private byte[] envelope(String from, String to, Function<Boolean, byte[]> content) throws IOException {
        boolean eightBit = extensions.contains("8BITMIME");
        byte[] data = content.apply(eightBit);
        envelope(from, to, eightBit, data.length);
        return data;
    }

    /** MAIL, RCPT and DATA, pipelined when the server allows; after a refusal the transaction is reset. */
    private void envelope(String from, String to, boolean eightBit, int size) throws IOException {
        String mail = "MAIL FROM:<" + from + ">" + (eightBit ? " BODY=8BITMIME" : "")
                + (extensions.contains("SIZE") ? " SIZE=" + size : "");
        String rcpt = "RCPT TO:<" + to + ">";
        Reply m;
        Reply r;
        Reply d;
        if (extensions.contains("PIPELINING")) {
            write(mail + "\r\n" + rcpt + "\r\nDATA\r\n");
            m = reply();
            r = reply();
            d = reply();
        } else {
            m = command(mail);
            r = m.positive() ? command(rcpt) : null;
            d = r != null && r.positive() ? command("DATA") : null;
        }
        for (Reply closing : new Reply[] {m, r, d}) {
            if (closing != null && closing.code() == 421) {
                throw new Refused("the connection", closing);
            }
        }
        if (m.code() == 250 && r != null && (r.code() == 250 || r.code() == 251) && d != null && d.code() == 354) {
            return;
        }
        if (d != null && d.code() == 354) {
            // pipelined DATA accepted after a refused recipient: end the empty message before resetting
            write(".\r\n");
            reply();
        }
        command("RSET");
        if (m.code() != 250) {
            throw new Refused("the sender <" + from + ">", m);
        }
        if (r.code() != 250 && r.code() != 251) {
            throw new Refused("the recipient <" + to + ">", r);
        }
        throw new Refused("DATA", d);
    }

    /** The content, with a dot doubled at the start of each line, then the lone dot; one flush. */
    private void writeData(byte[] data) throws IOException {
        boolean lineStart = true;
        int from = 0;
        for (int i = 0; i < data.length; i++) {
            if (lineStart && data[i] == '.') {
                out.write(data, from, i - from);
                out.write('.');
                from = i;
            }
            lineStart = data[i] == '\n';
        }
        out.write(data, from, data.length - from);
        if (data.length > 0 && data[data.length - 1] != '\n') {
            out.write('\r');
            out.write('\n');
        }
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }

    /** Connects, greets, upgrades to TLS as the settings say, and logs in when configured. */
    private void open() throws IOException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            s.setSoTimeout(timeout);
            streams(s);
            expect("the connection", reply(), 220);
            ehlo();
            if (settings.startTls() != StartTls.DISABLED && extensions.contains("STARTTLS")) {
                expect("STARTTLS", command("STARTTLS"), 220);
                streams(tls(s));
                ehlo();
            } else if (settings.startTls() == StartTls.REQUIRED) {
                throw new IOException("the SMTP server " + settings.host() + ":" + settings.port()
                        + " does not offer STARTTLS, which the settings require");
            }
            login();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void streams(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = new BufferedOutputStream(s.getOutputStream(), 65536);
    }

    /** The connection wrapped in TLS, the server's certificate checked against the host name and the JDK's trust. */
    private Socket tls(Socket plain) throws IOException {
        try {
            SSLSocket ssl = (SSLSocket) SSLContext.getDefault()
                    .getSocketFactory()
                    .createSocket(plain, settings.host(), settings.port(), true);
            SSLParameters p = ssl.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(p);
            ssl.setUseClientMode(true);
            ssl.startHandshake();
            return ssl;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS", e);
        }
    }

    /** EHLO, and the extensions it lists; HELO (no extensions) for a server that knows no EHLO. */
    private void ehlo() throws IOException {
        extensions.clear();
        auth.clear();
        Reply r = command("EHLO " + settings.helo());
        if (r.code() != 250) {
            expect("HELO", command("HELO " + settings.helo()), 250);
            return;
        }
        String[] lines = r.text().split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] words = lines[i].trim().toUpperCase(Locale.ROOT).split("[ =]+");
            extensions.add(words[0]);
            if (words[0].equals("AUTH")) {
                auth.addAll(List.of(words).subList(1, words.length));
            }
        }
    }

    /** AUTH PLAIN, else LOGIN, when a login is configured and the server offers it. */
    private void login() throws IOException {
        if (settings.username().isEmpty() || settings.username().get().isEmpty() || auth.isEmpty()) {
            return;
        }
        String user = settings.username().get();
        String password = settings.password().orElse("");
        Base64.Encoder b64 = Base64.getEncoder();
        if (auth.contains("PLAIN")) {
            String token = b64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            expect("the login", command("AUTH PLAIN " + token), 235);
        } else if (auth.contains("LOGIN")) {
            expect("AUTH LOGIN", command("AUTH LOGIN"), 334);
            expect("the user name", command(b64.encodeToString(user.getBytes(StandardCharsets.UTF_8))), 334);
            expect("the login", command(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8))), 235);
        } else {
            throw new IOException("the SMTP server offers no login this client knows (PLAIN, LOGIN): " + auth);
        }
    }

    private Reply command(String line) throws IOException {
        write(line + "\r\n");
        return reply();
    }

    private void write(String lines) throws IOException {
        out.write(lines.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(String what, Reply r, int code) throws Refused {
        if (r.code() != code) {
            throw new Refused(what, r);
        }
    }

    /** A reply of one or more lines ({@code 250-…} continues, {@code 250 …} ends it). */
    Reply reply() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = line();
            if (line.length() < 3) {
                throw new IOException("not an SMTP reply: " + line);
            }
            int code;
            try {
                code = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException e) {
                throw new IOException("not an SMTP reply: " + line);
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(code, text.toString());
            }
            if (line.charAt(3) != '-' || text.length() > 16 * MAX_REPLY_LINE) {
                throw new IOException("not an SMTP reply: " + line);
            }
        }
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the SMTP server closed the connection");
            }
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            if (b.length() >= MAX_REPLY_LINE) {
                throw new IOException("an SMTP reply line longer than " + MAX_REPLY_LINE + " characters");
            }
            b.append((char) c);
        }
    }

    /** Says QUIT when it can and closes; the next message opens a new connection. */
    @Override
    public synchronized void close() {
        Socket s = socket;
        socket = null;
        if (s == null) {
            return;
        }
        try {
            if (!s.isClosed()) {
                s.setSoTimeout(1000);
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
