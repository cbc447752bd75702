package com.supportdesk.ticket.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.testinfra.ClamdServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The INSTREAM client against a real ClamAV daemon (test-infra's, with the EICAR signature), and against nothing: an
 * unreachable daemon is {@link Clamd.Unavailable}, which the upload answers with 503 and Retry-After (fail closed).
 */
class ClamdIntegrationTest {

    static Clamd.Verdict scan(byte[] content) throws Exception {
        try (Clamd clamd = Clamd.open("127.0.0.1", ClamdServer.shared().port(), Duration.ofSeconds(30))) {
            // in two pieces, as an upload streams its chunks
            int half = content.length / 2;
            clamd.write(content, half);
            byte[] rest = java.util.Arrays.copyOfRange(content, half, content.length);
            clamd.write(rest, rest.length);
            return clamd.verdict();
        }
    }

    @Test
    void aCleanStreamIsOkAndTheEicarFileIsFoundByName() throws Exception {
        ClamdServer.assumeInstalled();
        assertThat(scan("just a log line\n".getBytes(StandardCharsets.UTF_8)).clean())
                .isTrue();
        Clamd.Verdict eicar = scan(ClamdServer.eicar());
        assertThat(eicar.clean()).isFalse();
        assertThat(eicar.signature()).startsWith("Eicar-Test-Signature");
    }

    @Test
    void aDaemonThatIsNotThereIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort(); // free again once closed: nothing listens there
        }
        int port = closed;
        assertThatThrownBy(() -> Clamd.open("127.0.0.1", port, Duration.ofSeconds(1)))
                .isInstanceOf(Clamd.Unavailable.class)
                .hasMessageContaining("unreachable");
    }
}
