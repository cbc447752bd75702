package com.supportdesk.reporting.projection;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The projector's JDBC pool (Agroal as a library): the read model's writes, the rebuild's swap and the projector's
 * outbox. Readers stay on Hibernate Reactive's pool. Autocommit off is left to {@code Jdbc.inTransaction}. The pool
 * migrates the schema when it is made ({@link ReadModelSchema}).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // made, and the schema migrated, before the HTTP port opens
public class ProjectorDataSource implements DataSource {
    /** The pool's connection option: how long a transaction may sit idle between its statements. */
    static final String IDLE_BOUND = "-c idle_in_transaction_session_timeout=30s";

    private final AgroalDataSource pool;

    @jakarta.inject.Inject
    public ProjectorDataSource(
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            com.supportdesk.reporting.ReportingSettings settings) {
        int size = settings.projector().poolSize();
        try {
            pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(p -> p.maxSize(size)
                            .minSize(1)
                            .initialSize(1)
                            .acquisitionTimeout(Duration.ofSeconds(30))
                            // a connection whose session the server ended is dropped at its first error, and
                            // one that died idle is found by the background check (as Quarkus' own pools do)
                            .exceptionSorter(ProjectorDataSource::sessionGone)
                            .connectionValidator(io.agroal.api.configuration.AgroalConnectionPoolConfiguration
                                    .ConnectionValidator.defaultValidator())
                            .validationTimeout(Duration.ofMinutes(2))
                            .connectionFactoryConfiguration(f -> f.jdbcUrl(url)
                                    .connectionProviderClass(org.postgresql.Driver.class)
                                    .principal(new NamePrincipal(user))
                                    .credential(new SimplePassword(password))
                                    .jdbcProperty("currentSchema", "reporting")
                                    // a transaction idle 30 s between statements belongs to a frozen process: its
                                    // session is ended, and its locks go (ADR 0010, addendum of session 34)
                                    .jdbcProperty("options", IDLE_BOUND)
                                    // batched inserts become multi-row INSERTs: the rebuild's and big polls' cost
                                    .jdbcProperty("reWriteBatchedInserts", "true"))));
        } catch (SQLException e) {
            throw new IllegalStateException("The projector's connection pool cannot be set up: " + e.getMessage(), e);
        }
    }

    /**
     * Whether an error means the connection's session is gone, so the pool must not hand the connection out again:
     * a connection error (class 08: the socket broke, or the driver already closed the connection), the server
     * ending the session (57P01 administrator command or shutdown, 57P02 crash, 57P03 not accepting connections yet)
     * or the idle bound ending it (25P03). Agroal's own PostgreSQL sorter knows only 08006, and a session ended by a
     * restart answers 57P01 first and 08003 after that, so the projector kept a dead connection and its consumers
     * retried on it for ever.
     */
    static boolean sessionGone(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("25P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The read model's tables exist before anybody writes through the pool (ADR 0012). */
    @jakarta.annotation.PostConstruct
    void migrate() {
        ReadModelSchema.migrate(pool);
    }

    /** CDI's proxy constructor. */
    protected ProjectorDataSource() {
        pool = null;
    }

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("one user per pool");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
