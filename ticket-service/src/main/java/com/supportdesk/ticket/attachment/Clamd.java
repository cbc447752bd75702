package com.supportdesk.ticket.attachment;

import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One scan by ClamAV's daemon over its INSTREAM protocol: the bytes go to clamd as they arrive (chunks of a length and
 * the data, a zero length to end), and clamd answers {@code stream: OK} or {@code stream: <signature> FOUND}. Nothing
 * is kept: the file passes through.
 */
public final class Clamd implements Closeable {
    private final Socket socket;
    private final DataOutputStream out;

    /** The daemon's verdict: clean, or infected with the signature named. */
    public record Verdict(boolean clean, String signature, String reply) {}

    /** Thrown when the daemon cannot be reached or does not answer: the upload fails closed (503). */
    public static final class Unavailable extends IOException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Clamd(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new DataOutputStream(socket.getOutputStream());
        out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
    }

    public static Clamd open(String host, int port, Duration timeout) throws Unavailable {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout((int) timeout.toMillis());
            return new Clamd(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to release
            }
            throw new Unavailable("ClamAV's daemon at " + host + ":" + port + " is unreachable: " + e.getMessage(), e);
        }
    }

    public void write(byte[] data, int length) throws Unavailable {
        try {
            out.writeInt(length);
            out.write(data, 0, length);
        } catch (IOException e) {
            throw new Unavailable("ClamAV's daemon stopped reading: " + e.getMessage(), e);
        }
    }

    /** Ends the stream and reads the verdict. */
    public Verdict verdict() throws Unavailable {
        try {
            out.writeInt(0);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            int b;
            while ((b = in.read()) > 0) {
                reply.append((char) b);
            }
            String text = reply.toString().trim();
            if (text.endsWith("OK")) {
                return new Verdict(true, null, text);
            }
            if (text.endsWith("FOUND")) {
                String signature = text.substring(text.indexOf(':') + 1, text.length() - "FOUND".length())
                        .trim();
                return new Verdict(false, signature, text);
            }
            throw new Unavailable("ClamAV's daemon could not scan the file: " + text, null);
        } catch (Unavailable e) {
            throw e;
        } catch (IOException e) {
            throw new Unavailable("ClamAV's daemon did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }
}
