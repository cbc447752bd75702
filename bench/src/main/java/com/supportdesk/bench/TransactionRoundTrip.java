package com.supportdesk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What one more statement costs a consumer's poll transaction: one-row transactions on the stack's PostgreSQL,
 * alternately without and with a {@code SET LOCAL idle_in_transaction_session_timeout} before the row (what each poll
 * did until session 34), each through the JDBC driver as the services use it. Prints, per round, the wall time, this
 * thread's CPU and the server process's CPU (from {@code /proc}) per transaction.
 *
 * <p>Usage: {@code bench/run-round-trip.sh [transactions a round, default 20000] [rounds, default 6]}.
 */
public final class TransactionRoundTrip {
    private TransactionRoundTrip() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        String url = System.getenv().getOrDefault("SUPPORT_DB_URL", "jdbc:postgresql://localhost:5432/postgres");
        try (Connection c = DriverManager.getConnection(url, "postgres", env("PGPASSWORD", "postgres"))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE round_trip (id bigint)");
            }
            int backend;
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                backend = r.getInt(1);
            }
            c.setAutoCommit(false);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            System.out.println(
                    "round  statements a transaction  wall us  client CPU us  server CPU us (a transaction)");
            for (int round = 0; round < rounds; round++) {
                boolean withSet = round % 2 == 1;
                long server = serverTicks(backend);
                long client = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (withSet) {
                        try (PreparedStatement p =
                                c.prepareStatement("SET LOCAL idle_in_transaction_session_timeout = '30s'")) {
                            p.executeUpdate();
                        }
                    }
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO round_trip VALUES (?)")) {
                        p.setLong(1, i);
                        p.executeUpdate();
                    }
                    c.commit();
                }
                double wall = (System.nanoTime() - start) / 1e3 / n;
                double clientUs = (threads.getCurrentThreadCpuTime() - client) / 1e3 / n;
                // /proc counts in clock ticks of 10 ms
                double serverUs = (serverTicks(backend) - server) * 10_000.0 / n;
                System.out.printf(
                        "%5d  %-24s  %7.1f  %13.1f  %13.1f%n",
                        round + 1, withSet ? "SET LOCAL, INSERT" : "INSERT", wall, clientUs, serverUs);
            }
        } catch (SQLException e) {
            System.err.println("PostgreSQL at " + url + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The server process's user and system CPU, in clock ticks. */
    private static long serverTicks(int pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
