package com.supportdesk.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ClamAV daemon (Debian's {@code clamav-daemon}) for the tests of this JVM, listening on a free TCP port. There
 * is no network here for signature updates, so its database is built on the spot with ClamAV's own {@code sigtool}:
 * one MD5 signature, of the EICAR anti-virus test file (written by {@link #eicar()}). The daemon is started once and
 * stopped by a shutdown hook. Without clamd, a test that needs it is skipped, or fails on CI ({@code .ci/run} installs
 * it).
 */
public final class ClamdServer {
    public static final Path CLAMD = Path.of(System.getProperty("clamd.binary", "/usr/sbin/clamd"));
    public static final Path SIGTOOL = Path.of(System.getProperty("sigtool.binary", "/usr/bin/sigtool"));

    private static ClamdServer shared;

    private final Process process;
    private final int port;
    private final Path home;

    private ClamdServer(Process process, int port, Path home) {
        this.process = process;
        this.port = port;
        this.home = home;
    }

    public static boolean installed() {
        return Files.isExecutable(CLAMD) && Files.isExecutable(SIGTOOL);
    }

    /** Skips the calling test without ClamAV, or fails it on CI. */
    public static void assumeInstalled() {
        if (installed()) {
            return;
        }
        String missing = "ClamAV missing (" + CLAMD + ", " + SIGTOOL + "): install Debian's clamav-daemon and clamav";
        if (Chromium.onCi()) {
            throw new AssertionError(missing + "; on CI the malware scanning tests must run");
        }
        Assumptions.assumeTrue(false, missing);
    }

    /** The EICAR test file: every anti-virus reports it, and it harms nothing. */
    public static byte[] eicar() {
        return "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static synchronized ClamdServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start clamd", e);
            }
            ClamdServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "clamd-stop"));
        }
        return shared;
    }

    private static ClamdServer start() throws IOException {
        Path home = Files.createTempDirectory("clamd-");
        Path db = Files.createDirectories(home.resolve("db"));
        Path sample = home.resolve("eicar.com");
        Files.write(sample, eicar());
        Process sig = new ProcessBuilder(SIGTOOL.toString(), "--md5", sample.toString())
                .redirectErrorStream(true)
                .start();
        String line;
        try (InputStream in = sig.getInputStream()) {
            line = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (sig.waitFor() != 0 || line.isEmpty()) {
                throw new IOException("sigtool failed: " + line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        // md5:size:name, the name being the signature's
        String signature = line.substring(0, line.lastIndexOf(':') + 1) + "Eicar-Test-Signature";
        Files.writeString(db.resolve("test.hdb"), signature + "\n");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path conf = home.resolve("clamd.conf");
        Files.write(
                conf,
                List.of(
                        "Foreground yes",
                        "TCPSocket " + port,
                        "TCPAddr 127.0.0.1",
                        "DatabaseDirectory " + db,
                        "LogFile " + home.resolve("clamd.log"),
                        "StreamMaxLength 30M",
                        "MaxFileSize 30M",
                        "MaxScanSize 60M"));
        Process process = new ProcessBuilder(CLAMD.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("clamd.out").toFile())
                .start();
        ClamdServer server = new ClamdServer(process, port, home);
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("clamd exited: " + Files.readString(home.resolve("clamd.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                OutputStream out = s.getOutputStream();
                out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] reply = s.getInputStream().readNBytes(4);
                if ("PONG".equals(new String(reply, StandardCharsets.US_ASCII))) {
                    return;
                }
            } catch (IOException notYet) {
                // loading its database
            }
            try {
                Thread.sleep(200); // polling another process's start-up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException("clamd not ready within " + timeout);
    }

    public int port() {
        return port;
    }

    /** Stops the daemon (a test of the scanner being unreachable); {@link #shared()} does not restart it. */
    public void stop() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
