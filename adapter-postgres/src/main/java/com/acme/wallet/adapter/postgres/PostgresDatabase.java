package com.acme.wallet.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet database: a small HikariCP pool, the schema migrated to the latest version, and the
 * one {@link Jdbi} that every PostgreSQL adapter of a process shares.
 *
 * <p>Opening fails at once when the database cannot be reached or a migration fails, so that a
 * program never starts against a schema it does not know. Close it last, after the adapters.
 */
public final class PostgresDatabase implements AutoCloseable {

    /**
     * A UTC clock at PostgreSQL's timestamp precision (microseconds). Times taken from it are stored
     * and read back unchanged, so a reply replayed after a restart shows the very same time.
     */
    public static final Clock TIMESTAMP_CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));


    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);

    /** A dead server must not hang a read forever; the margin lets the statement timeout act first. */
    private static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(10);

    /** The pool's name when none is given; the label of its meters when measured. */
    private static final String DEFAULT_POOL_NAME = "wallet-postgres";

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private PostgresDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Connects and migrates the schema.
     *
     * @param settings where the database is and the pool's limits
     * @return the open database
     * @throws RuntimeException if the database cannot be reached or a migration fails; nothing is
     *     left open then (HikariCP tries one connection at once and fails if it cannot have it)
     */
    public static PostgresDatabase open(PostgresSettings settings) {
        Objects.requireNonNull(settings, "settings");
        migrate(settings);
        return connect(settings);
    }

    /**
     * Connects and migrates the schema, with the pool's meters (HikariCP's {@code hikaricp_*},
     * labelled {@code pool=<poolName>}) in the registry.
     *
     * @param settings where the database is and the pool's limits
     * @param poolName the pool's name, distinct among a process's pools
     * @param meters where the pool's meters go
     * @return the open database
     * @throws RuntimeException if the database cannot be reached or a migration fails
     */
    public static PostgresDatabase open(PostgresSettings settings, String poolName, MeterRegistry meters) {
        Objects.requireNonNull(settings, "settings");
        migrate(settings);
        return connect(settings, poolName, meters);
    }

    /**
     * Connects without migrating, as {@link #connect(PostgresSettings)}, with the pool's meters in
     * the registry.
     *
     * @param settings where the database is and this pool's limits
     * @param poolName the pool's name, distinct among a process's pools
     * @param meters where the pool's meters go
     * @return the open database
     * @throws RuntimeException if the database cannot be reached; nothing is left open then
     */
    public static PostgresDatabase connect(PostgresSettings settings, String poolName, MeterRegistry meters) {
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(meters, "meters");
        return connect(settings, poolName, Optional.of(meters));
    }

    /**
     * Connects without migrating: a second pool of a process that has already opened the database
     * with {@link #open}, with limits of its own.
     *
     * @param settings where the database is and this pool's limits
     * @return the open database
     * @throws RuntimeException if the database cannot be reached; nothing is left open then
     */
    public static PostgresDatabase connect(PostgresSettings settings) {
        return connect(settings, DEFAULT_POOL_NAME, Optional.empty());
    }

    private static PostgresDatabase connect(PostgresSettings settings, String poolName,
            Optional<MeterRegistry> meters) {
        Objects.requireNonNull(settings, "settings");
        HikariConfig config = poolConfig(settings);
        config.setPoolName(poolName);
        meters.ifPresent(config::setMetricRegistry);
        PostgresDatabase database = new PostgresDatabase(new HikariDataSource(config));
        LOG.info("PostgreSQL ready: {}", settings);
        return database;
    }

    /** {@return the handle factory every adapter of this database uses} */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Closes the pool; statements still running fail. */
    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariConfig poolConfig(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        // A fixed-size pool, as HikariCP recommends: no connection churn under bursts.
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setMinimumIdle(settings.maximumPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 2_000));
        config.setConnectionInitSql("SET statement_timeout = " + settings.statementTimeout().toMillis());
        long socketTimeoutSeconds = settings.statementTimeout().plus(SOCKET_TIMEOUT_MARGIN).toSeconds();
        config.addDataSourceProperty("socketTimeout", Long.toString(socketTimeoutSeconds));
        // PgJDBC counts whole seconds and reads 0 as "wait forever".
        long connectTimeoutSeconds = Math.max(1, settings.connectionTimeout().toSeconds());
        config.addDataSourceProperty("connectTimeout", Long.toString(connectTimeoutSeconds));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return config;
    }

    /**
     * Migrates over Flyway's own connections, not the pool's: Flyway holds one connection for its
     * lock and migrates on another, which would starve a pool of one.
     */
    private static void migrate(PostgresSettings settings) {
        Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
