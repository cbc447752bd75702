package com.supportdesk.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL server from the binaries published on Maven Central, so the local stack needs nothing but
 * a JDK. Keeps its data between runs. Stops the server when this process is told to stop (SIGTERM).
 *
 * <p>Usage: {@code EmbeddedPostgresServer <port> <data-directory>}
 */
public final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5432;
        Path data = Path.of(args.length > 1 ? args[1] : ".stack/postgres").toAbsolutePath();
        Files.createDirectories(data);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                // The test defaults of the embedded binaries trade durability for speed; a stack keeps what it commits.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // statements counted per query and user (benchmarks read pg_stat_statements' deltas)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.max", "2000");
        // more server settings for a diagnosis, e.g. STACK_PG_SETTINGS="session_preload_libraries=auto_explain
        // auto_explain.log_min_duration=20ms" (space-separated name=value pairs; the server's log is .stack/logs/)
        for (String setting :
                System.getenv().getOrDefault("STACK_PG_SETTINGS", "").trim().split("\\s+")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                builder.setServerConfig(setting.substring(0, eq), setting.substring(eq + 1));
            } else if (!setting.isEmpty()) {
                throw new IllegalArgumentException("STACK_PG_SETTINGS: not name=value: " + setting);
            }
        }
        EmbeddedPostgres pg = builder.start();
        try (java.sql.Connection c = pg.getPostgresDatabase().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println(
                "PostgreSQL ready on port " + port + ", data in " + data + " (user postgres, database postgres)");
        stopped.await();
    }
}
