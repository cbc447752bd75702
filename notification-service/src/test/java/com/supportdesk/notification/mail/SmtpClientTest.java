package com.supportdesk.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP transport's protocol against a scripted server (a narrow test: the flows are tested against GreenMail, a
 * real SMTP server, in the integration and system tests): the extensions it offers decide pipelining, 8-bit content,
 * the login and TLS; a connection the server closed is opened again; a refusal resets the transaction and keeps it.
 */
class SmtpClientTest {
    private Script server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private SmtpClient client(SmtpClient.StartTls tls, String user) {
        return new SmtpClient(new SmtpClient.Settings(
                "127.0.0.1",
                server.port(),
                tls,
                Optional.ofNullable(user),
                Optional.ofNullable(user).map(u -> "s3cret"),
                Duration.ofSeconds(5),
                "supportdesk.example"));
    }

    private static byte[] message(String text) {
        return ("Subject: t\r\n\r\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withPipeliningTheEnvelopeIsOneWriteAndTheContentIsDotStuffed() throws Exception {
        server = new Script(List.of("PIPELINING", "8BITMIME", "SIZE 1000000"), 0, null);
        try (SmtpClient smtp = client(SmtpClient.StartTls.OPTIONAL, null)) {
            List<Boolean> eightBit = new ArrayList<>();
            smtp.send("support@supportdesk.example", "anna@customer.example", e -> {
                eightBit.add(e);
                return message(".one\r\nnot.\r\n..two\r\n.\r\n");
            });
            assertThat(eightBit).containsExactly(true);
        }
        assertThat(server.commands())
                .contains(
                        "MAIL FROM:<support@supportdesk.example> BODY=8BITMIME SIZE=36",
                        "RCPT TO:<anna@customer.example>",
                        "DATA");
        assertThat(server.envelopesInOneRead()).isEqualTo(1);
        assertThat(server.messages()).containsExactly("Subject: t\r\n\r\n.one\r\nnot.\r\n..two\r\n.\r\n");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void withoutPipeliningEachCommandWaitsForItsReplyAndTheContentIs7bit() throws Exception {
        server = new Script(List.of(), 0, null);
        try (SmtpClient smtp = client(SmtpClient.StartTls.OPTIONAL, null)) {
            List<Boolean> eightBit = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                smtp.send("support@supportdesk.example", "anna@customer.example", e -> {
                    eightBit.add(e);
                    return message("message " + n + "\r\n");
                });
            }
            assertThat(eightBit).containsExactly(false, false, false);
        }
        server.awaitClosedConnections(1);
        assertThat(server.commands()).contains("MAIL FROM:<support@supportdesk.example>");
        assertThat(server.envelopesInOneRead()).isZero();
        assertThat(server.messages()).hasSize(3);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.commands()).last().isEqualTo("QUIT");
    }

    @Test
    void aConnectionTheServerClosedIsOpenedAgainAndTheMessageSentOnce() throws Exception {
        server = new Script(List.of("PIPELINING"), 1, null);
        try (SmtpClient smtp = client(SmtpClient.StartTls.OPTIONAL, null)) {
            smtp.send("support@supportdesk.example", "anna@customer.example", e -> message("first\r\n"));
            server.awaitClosedConnections(1);
            smtp.send("support@supportdesk.example", "anna@customer.example", e -> message("second\r\n"));
        }
        assertThat(server.messages()).containsExactly("Subject: t\r\n\r\nfirst\r\n", "Subject: t\r\n\r\nsecond\r\n");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aRefusedRecipientResetsTheTransactionAndKeepsTheConnection() throws Exception {
        for (List<String> extensions : List.of(List.of("PIPELINING"), List.<String>of())) {
            server = new Script(extensions, 0, "nobody@customer.example");
            try (SmtpClient smtp = client(SmtpClient.StartTls.OPTIONAL, null)) {
                assertThatThrownBy(() -> smtp.send(
                                "support@supportdesk.example", "nobody@customer.example", e -> message("x\r\n")))
                        .isInstanceOf(SmtpClient.Refused.class)
                        .hasMessageContaining("recipient <nobody@customer.example>")
                        .hasMessageContaining("550")
                        .extracting(e -> ((SmtpClient.Refused) e).code())
                        .isEqualTo(550);
                smtp.send("support@supportdesk.example", "anna@customer.example", e -> message("y\r\n"));
            }
            assertThat(server.commands()).contains("RSET");
            assertThat(server.messages()).containsExactly("Subject: t\r\n\r\ny\r\n");
            assertThat(server.connections()).isEqualTo(1);
            server.close();
        }
    }

    @Test
    void aConfiguredLoginIsSentAsAuthPlain() throws Exception {
        server = new Script(List.of("AUTH LOGIN PLAIN"), 0, null);
        try (SmtpClient smtp = client(SmtpClient.StartTls.OPTIONAL, "relay-user")) {
            smtp.send("support@supportdesk.example", "anna@customer.example", e -> message("x\r\n"));
        }
        String token = Base64.getEncoder().encodeToString("\0relay-user\0s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(server.commands()).contains("AUTH PLAIN " + token);
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void whenTlsIsRequiredAServerWithoutStartTlsGetsNoMail() throws Exception {
        server = new Script(List.of("PIPELINING"), 0, null);
        try (SmtpClient smtp = client(SmtpClient.StartTls.REQUIRED, null)) {
            assertThatThrownBy(() ->
                            smtp.send("support@supportdesk.example", "anna@customer.example", e -> message("x\r\n")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("does not offer STARTTLS");
        }
        assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL"));
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersFailsTheSendWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            SmtpClient smtp = new SmtpClient(new SmtpClient.Settings(
                    "127.0.0.1",
                    silent.getLocalPort(),
                    SmtpClient.StartTls.OPTIONAL,
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofMillis(300),
                    "supportdesk.example"));
            assertThatThrownBy(() ->
                            smtp.send("support@supportdesk.example", "anna@customer.example", e -> message("x\r\n")))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    /**
     * A scripted SMTP server: it offers {@code extensions}, refuses {@code refused} as a recipient (550), and closes a
     * connection after {@code closeAfter} messages (0: never), as a server does with an idle one.
     */
    private static final class Script implements AutoCloseable {
        private final ServerSocket socket;
        private final List<String> extensions;
        private final int closeAfter;
        private final String refused;
        private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
        private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();
        private final AtomicInteger pipelined = new AtomicInteger();
        private final Thread acceptor;

        Script(List<String> extensions, int closeAfter, String refused) throws IOException {
            this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            this.extensions = extensions;
            this.closeAfter = closeAfter;
            this.refused = refused;
            this.acceptor = new Thread(this::accept, "smtp-script");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> commands() {
            synchronized (commands) {
                return List.copyOf(commands);
            }
        }

        List<String> messages() {
            synchronized (messages) {
                return List.copyOf(messages);
            }
        }

        int connections() {
            return connections.get();
        }

        int envelopesInOneRead() {
            return pipelined.get();
        }

        void awaitClosedConnections(int n) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (closed.get() < n && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(closed.get()).isGreaterThanOrEqualTo(n);
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    serve(s);
                } catch (IOException e) {
                    // the client went, or the server is stopping
                } finally {
                    closed.incrementAndGet();
                }
            }
        }

        private void serve(Socket s) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            reply(out, "220 script ready");
            int sent = 0;
            boolean rcptOk = false;
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    String r = "250-script";
                    for (int i = 0; i < extensions.size(); i++) {
                        r += "\r\n250" + (i == extensions.size() - 1 ? " " : "-") + extensions.get(i);
                    }
                    reply(out, extensions.isEmpty() ? "250 script" : r);
                } else if (upper.startsWith("AUTH PLAIN")) {
                    reply(out, "235 2.7.0 accepted");
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (in.ready() && extensions.contains("PIPELINING")) {
                        pipelined.incrementAndGet();
                    }
                    reply(out, "250 2.1.0 ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    rcptOk = refused == null || !line.contains(refused);
                    reply(out, rcptOk ? "250 2.1.5 ok" : "550 5.1.1 no such user");
                } else if (upper.equals("DATA")) {
                    if (!rcptOk) {
                        reply(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    StringBuilder m = new StringBuilder();
                    String l;
                    while ((l = in.readLine()) != null && !l.equals(".")) {
                        m.append(l.startsWith(".") ? l.substring(1) : l).append("\r\n");
                    }
                    messages.add(m.toString());
                    reply(out, "250 2.0.0 queued");
                    if (closeAfter > 0 && ++sent >= closeAfter) {
                        return;
                    }
                } else if (upper.equals("RSET")) {
                    reply(out, "250 2.0.0 reset");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 not known");
                }
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
