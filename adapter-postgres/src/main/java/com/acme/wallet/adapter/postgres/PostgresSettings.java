package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.Redaction;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach PostgreSQL, and the limits of the connection pool.
 *
 * @param jdbcUrl the PgJDBC URL, for example {@code jdbc:postgresql://127.0.0.1:5432/wallet}
 * @param user the database user
 * @param password the user's password; empty for trust authentication
 * @param maximumPoolSize how many connections the pool holds, from 1 to {@value #MAXIMUM_POOL_SIZE_MAX}
 * @param connectionTimeout how long a caller waits for a free connection before failing
 * @param statementTimeout how long one statement may run before the server cancels it; it also
 *     bounds how long a batch waits for another writer's row locks
 */
public record PostgresSettings(
        String jdbcUrl,
        String user,
        String password,
        int maximumPoolSize,
        Duration connectionTimeout,
        Duration statementTimeout) {

    /** The wallet database on this machine, unless configured otherwise. */
    public static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/wallet";

    /** The database user unless configured otherwise. */
    public static final String DEFAULT_USER = "postgres";

    /** A small pool: the batch consumer writes through one connection, the REST API reads at startup. */
    public static final int DEFAULT_POOL_SIZE = 4;

    /** The largest pool allowed; PostgreSQL serves best with few connections (about 2 x cores). */
    public static final int MAXIMUM_POOL_SIZE_MAX = 64;

    /** Waiting longer than this for a connection means the database is in trouble: fail and retry. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** Far above what a batch of {@link JdbiEventStore#MAX_BATCH_EVENTS} events takes. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private static final String JDBC_URL_PREFIX = "jdbc:postgresql:";

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the URL is not a PostgreSQL one, the pool size is out of
     *     range or a timeout is below a quarter of a second (HikariCP's minimum)
     */
    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (!jdbcUrl.startsWith(JDBC_URL_PREFIX)) {
            throw new IllegalArgumentException("the JDBC URL must start with " + JDBC_URL_PREFIX);
        }
        if (maximumPoolSize < 1 || maximumPoolSize > MAXIMUM_POOL_SIZE_MAX) {
            throw new IllegalArgumentException("the pool size must be 1 to " + MAXIMUM_POOL_SIZE_MAX);
        }
        if (connectionTimeout.toMillis() < 250 || statementTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("timeouts must be at least 250 ms");
        }
    }

    /**
     * Settings with the default pool size and timeouts.
     *
     * @param jdbcUrl the PgJDBC URL
     * @param user the database user
     * @param password the password; empty for trust authentication
     * @return the settings
     */
    public static PostgresSettings of(String jdbcUrl, String user, String password) {
        return new PostgresSettings(jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_STATEMENT_TIMEOUT);
    }

    /** Leaves the password out, and hides one in the URL, so that settings can be logged. */
    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + Redaction.hideCredentials(jdbcUrl) + ", user=" + user + ", password=***, maximumPoolSize="
                + maximumPoolSize + ", connectionTimeout=" + connectionTimeout + ", statementTimeout="
                + statementTimeout + "]";
    }
}
