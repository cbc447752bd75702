package com.supportdesk.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * A service's Flyway migrations checked against the databases they meet: an empty one, and one made by the code
 * before migrations existed (a {@code pg_dump --schema-only} of it, kept as a test resource). Each check gets
 * databases of its own on the run's PostgreSQL ({@link RealInfrastructure#postgres()}).
 */
public final class SchemaMigrations {
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private SchemaMigrations() {}

    /** Creates an empty database and answers its JDBC URL. */
    public static String newDatabase(String name) {
        String db = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = connect(RealInfrastructure.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + db, e);
        }
        return RealInfrastructure.postgres().getJdbcUrl(USER, db);
    }

    /**
     * Runs a schema dump (a class-path resource: plain SQL statements ending in {@code ;} at a line's end, psql's
     * backslash commands and comments left out) on a database.
     */
    public static void load(String jdbcUrl, String resource) {
        String sql;
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder statement = new StringBuilder();
        try (Connection c = connect(jdbcUrl);
                Statement s = c.createStatement()) {
            for (String line : sql.split("\n")) {
                if (line.startsWith("\\") || line.startsWith("--") || line.isBlank()) {
                    continue;
                }
                statement.append(line).append('\n');
                if (line.stripTrailing().endsWith(";")) {
                    s.execute(statement.toString());
                    statement.setLength(0);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load " + resource + " at: " + statement, e);
        }
    }

    /** Runs statements on a database (to put rows in it before it is migrated, for instance). */
    public static void execute(String jdbcUrl, String... statements) {
        try (Connection c = connect(jdbcUrl);
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of a query's rows, as text. */
    public static List<String> query(String jdbcUrl, String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /**
     * Migrates a database as the service does at start-up (its application.properties: the schema, a baseline at
     * version 0 for a schema made before migrations), with the migrations on the class path.
     */
    public static MigrateResult migrate(String jdbcUrl, String schema) {
        return Flyway.configure()
                .dataSource(jdbcUrl, USER, PASSWORD)
                .schemas(schema)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /**
     * A schema's shape as text, one line per column (type, length, nullability, default), constraint and index,
     * sorted: two databases with equal catalogues have the same tables.
     */
    public static List<String> catalogue(String jdbcUrl, String schema) {
        String s = "'" + schema.replace("'", "''") + "'";
        List<String> lines = new ArrayList<>();
        lines.addAll(query(
                jdbcUrl,
                "select 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('('"
                        + " || character_maximum_length || ')', '') || ' ' || is_nullable || ' '"
                        + " || coalesce(column_default, '') || ' ' || coalesce(generation_expression, '')"
                        + " from information_schema.columns where table_schema = " + s
                        + " and table_name <> 'flyway_schema_history'"));
        lines.addAll(query(
                jdbcUrl,
                "select 'constraint ' || rel.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)"
                        + " from pg_constraint con join pg_class rel on rel.oid = con.conrelid"
                        + " join pg_namespace n on n.oid = rel.relnamespace where n.nspname = " + s
                        + " and rel.relname <> 'flyway_schema_history'"));
        lines.addAll(query(
                jdbcUrl,
                "select 'index ' || indexdef from pg_indexes where schemaname = " + s
                        + " and tablename <> 'flyway_schema_history'"));
        lines.addAll(query(
                jdbcUrl,
                "select 'sequence ' || sequence_name from information_schema.sequences where sequence_schema = " + s));
        lines.sort(null);
        return lines;
    }

    /**
     * The check every service makes: a database made by the code before migrations (the dump), holding a row, migrates
     * in place to exactly the schema a new database gets; the row survives; a second start migrates nothing.
     *
     * @param seed an INSERT run on the old database before it is migrated
     * @param survivor a query that answers the seeded row's value after the migration
     */
    public static void assertMigratesInPlace(
            String schema, String dump, String seed, String survivor, String expected) {
        String old = newDatabase(schema + "_made_before_migrations");
        load(old, dump);
        execute(old, seed);
        MigrateResult upgraded = migrate(old, schema);
        org.assertj.core.api.Assertions.assertThat(upgraded.success).isTrue();
        String fresh = newDatabase(schema + "_new");
        MigrateResult created = migrate(fresh, schema);
        org.assertj.core.api.Assertions.assertThat(created.migrationsExecuted)
                .as("migrations run on a new database")
                .isPositive();
        List<String> expectedShape = catalogue(fresh, schema);
        org.assertj.core.api.Assertions.assertThat(expectedShape).isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(catalogue(old, schema))
                .as("the migrated old database has the new one's tables, columns, constraints and indexes")
                .containsExactlyElementsOf(expectedShape);
        org.assertj.core.api.Assertions.assertThat(query(old, survivor))
                .as("the old database's rows survive")
                .containsExactly(expected);
        String versions = "select version from " + schema
                + ".flyway_schema_history where success and type = 'SQL' order by installed_rank";
        List<String> every = query(fresh, versions);
        org.assertj.core.api.Assertions.assertThat(every)
                .as("a new database runs V1 first")
                .startsWith("1");
        org.assertj.core.api.Assertions.assertThat(query(old, versions))
                .as("baselined at 0 (or the schema created), then every migration a new database runs, in order")
                .containsExactlyElementsOf(every);
        org.assertj.core.api.Assertions.assertThat(migrate(old, schema).migrationsExecuted)
                .as("a second start migrates nothing")
                .isZero();
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, USER, PASSWORD);
    }
}
