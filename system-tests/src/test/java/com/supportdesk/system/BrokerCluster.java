package com.supportdesk.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of real broker processes, as the local stack runs it: each node a KRaft broker and controller
 * ({@code kafka.Kafka} from the Kafka jars on this JVM's class path), the topics replicated to every broker with
 * {@code min.insync.replicas} one less, the internal topics too. A broker can be killed with SIGKILL and started again
 * on its data.
 */
final class BrokerCluster implements AutoCloseable {
    /**
     * How long the controller waits for a silent broker's heartbeat before it moves its partitions' leadership
     * (Kafka's default is 9 s; the stack with three brokers uses the same 3 s).
     */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);

    private final int size;
    private final int[] ports;
    private final int[] controllerPorts;
    private final Path home;
    private final Process[] processes;

    private BrokerCluster(int size, Path home) throws IOException {
        this.size = size;
        this.home = home;
        this.ports = new int[size];
        this.controllerPorts = new int[size];
        this.processes = new Process[size];
        for (int i = 0; i < size; i++) {
            ports[i] = Http.freePort();
            controllerPorts[i] = Http.freePort();
        }
    }

    /** Formats and starts {@code size} brokers, returning once all of them are in the cluster. */
    static BrokerCluster launch(int size) throws Exception {
        BrokerCluster c = new BrokerCluster(size, Files.createTempDirectory("brokers"));
        String clusterId = Uuid.randomUuid().toString();
        for (int b = 1; b <= size; b++) {
            Path config = c.configure(b);
            Process format = new ProcessBuilder(
                            c.java(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "kafka.tools.StorageTool",
                            "format",
                            "-t",
                            clusterId,
                            "-c",
                            config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(c.log(b).toFile())
                    .start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting broker " + b + " failed: " + Files.readString(c.log(b)));
            }
        }
        for (int b = 1; b <= size; b++) {
            c.start(b);
        }
        c.awaitBrokers(size, Duration.ofSeconds(180));
        return c;
    }

    String bootstrapServers() {
        StringJoiner j = new StringJoiner(",");
        for (int port : ports) {
            j.add("localhost:" + port);
        }
        return j.toString();
    }

    /** SIGKILL of broker {@code b} (1..size): no controlled shutdown, its partitions' leadership moves. */
    void kill(int b) throws InterruptedException {
        Process p = processes[b - 1];
        p.destroyForcibly();
        p.waitFor();
    }

    /** Starts broker {@code b} (1..size) on its data, as after a crash. */
    void start(int b) throws IOException {
        processes[b - 1] = new ProcessBuilder(
                        java(),
                        "-Xmx384m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "kafka.Kafka",
                        home.resolve("broker-" + b).resolve("server.properties").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(b).toFile()))
                .start();
    }

    /** Waits until {@code count} brokers are registered with the cluster. */
    void awaitBrokers(int count, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (anyPortOpen()) {
                try (Admin admin = Admin.create(Map.of(
                        "bootstrap.servers", bootstrapServers(),
                        "request.timeout.ms", 5000,
                        "default.api.timeout.ms", 5000))) {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count) {
                        return;
                    }
                } catch (Exception e) {
                    // not there yet
                }
            }
            for (int b = 1; b <= size; b++) {
                if (processes[b - 1] != null && !processes[b - 1].isAlive()) {
                    throw new IllegalStateException("broker " + b + " exited: " + tail(b));
                }
            }
            Thread.sleep(500); // polling other processes
        }
        throw new IllegalStateException("the cluster does not have " + count + " brokers within " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            if (p != null && !p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private Path configure(int b) throws IOException {
        Path dir = Files.createDirectories(home.resolve("broker-" + b));
        List<String> voters = new ArrayList<>();
        for (int v = 1; v <= size; v++) {
            voters.add(v + "@localhost:" + controllerPorts[v - 1]);
        }
        int minIsr = Math.max(1, size - 1);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, """
                process.roles=broker,controller
                node.id=%d
                controller.quorum.voters=%s
                listeners=PLAINTEXT://localhost:%d,CONTROLLER://localhost:%d
                advertised.listeners=PLAINTEXT://localhost:%d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                num.partitions=3
                default.replication.factor=%d
                min.insync.replicas=%d
                offsets.topic.replication.factor=%d
                transaction.state.log.replication.factor=%d
                transaction.state.log.min.isr=%d
                share.coordinator.state.topic.replication.factor=%d
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                broker.session.timeout.ms=%d
                broker.heartbeat.interval.ms=1000
                """.formatted(
                        b,
                        String.join(",", voters),
                        ports[b - 1],
                        controllerPorts[b - 1],
                        ports[b - 1],
                        dir.resolve("data"),
                        size,
                        minIsr,
                        size,
                        size,
                        minIsr,
                        size,
                        SESSION_TIMEOUT.toMillis()));
        return config;
    }

    private boolean anyPortOpen() {
        for (int port : ports) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("localhost", port), 200);
                return true;
            } catch (IOException e) {
                // closed
            }
        }
        return false;
    }

    private Path log(int b) {
        return home.resolve("broker-" + b + ".log");
    }

    private String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String tail(int b) {
        try {
            List<String> lines = Files.readAllLines(log(b));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
