package com.acme.wallet.app.restapi;

import com.acme.wallet.adapter.http.RateLimit;
import com.acme.wallet.app.options.PostgresOptions;
import com.acme.wallet.app.options.ProgramVersion;
import com.acme.wallet.app.options.PulsarOptions;
import com.acme.wallet.application.WriterSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The REST API's configuration: each option is also read from an environment variable, which is
 * how the README, {@code ./wallet} and containers set it.
 */
@Command(name = "wallet-rest-api", mixinStandardHelpOptions = true, versionProvider = ProgramVersion.class,
        sortOptions = false,
        description = "The wallet REST API: the single writer of all wallets.")
final class RestApiOptions {

    /** The event logs the program can run on. */
    enum LogKind {
        /** Apache Pulsar, with PostgreSQL snapshots: durable. */
        pulsar,
        /** This process's memory: not durable, for trying the API only. */
        memory
    }

    @Option(names = "--log", defaultValue = "${env:WALLET_LOG}",
            description = "Event log: pulsar (durable) or memory (lost on stop). Env WALLET_LOG; required.")
    LogKind log;

    @Option(names = "--host", defaultValue = "${env:WALLET_HOST:-0.0.0.0}",
            description = "Address to bind. Env WALLET_HOST; default ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "${env:WALLET_PORT:-8081}",
            description = "HTTP port. Env WALLET_PORT; default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--write-timeout-ms", defaultValue = "${env:WALLET_WRITE_TIMEOUT_MS:-2500}",
            description = "Longest wait for the log's confirmation of a write before answering 503 "
                    + "(1 to 60000). Env WALLET_WRITE_TIMEOUT_MS; default ${DEFAULT-VALUE}.")
    long writeTimeoutMillis;

    @Option(names = "--idle-timeout-ms", defaultValue = "${env:WALLET_HTTP_IDLE_TIMEOUT_MS:-30000}",
            description = "Longest an HTTP connection may read and write nothing before it is closed (longer than "
                    + "the write timeout, at most 600000). Env WALLET_HTTP_IDLE_TIMEOUT_MS; default ${DEFAULT-VALUE}.")
    long idleTimeoutMillis;

    @Option(names = "--min-request-data-rate", defaultValue = "${env:WALLET_HTTP_MIN_REQUEST_DATA_RATE:-1}",
            description = "Slowest a request body may arrive, in bytes/s, before it answers 408 (1 to 1048576). "
                    + "Env WALLET_HTTP_MIN_REQUEST_DATA_RATE; default ${DEFAULT-VALUE}.")
    long minRequestBytesPerSecond;

    @Option(names = "--max-connections", defaultValue = "${env:WALLET_HTTP_MAX_CONNECTIONS:-10000}",
            description = "Most HTTP connections open at once; at the limit new ones wait in the kernel's queue "
                    + "until one closes (1 to 1000000). Env WALLET_HTTP_MAX_CONNECTIONS; default ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--rate-limit-per-second", defaultValue = "${env:WALLET_RATE_LIMIT_PER_SECOND:-0}",
            description = "Requests per second each token may keep up; beyond it (and its burst) a request answers "
                    + "429 rate_limited with Retry-After (0 for no limit, else 1 to " + RateLimit.MAX_PER_SECOND
                    + "). Env WALLET_RATE_LIMIT_PER_SECOND; default no limit.")
    long rateLimitPerSecond;

    @Option(names = "--rate-limit-burst", defaultValue = "${env:WALLET_RATE_LIMIT_BURST:-0}",
            description = "Requests each token may make at once after a pause (1 to " + RateLimit.MAX_BURST
                    + "). Env WALLET_RATE_LIMIT_BURST; default one second's worth.")
    long rateLimitBurst;

    @Mixin
    AuthOptions auth;

    @Mixin
    TlsOptions tls;

    @Mixin
    PulsarOptions pulsar;

    @Mixin
    PostgresOptions database;

    @Option(names = "--remembered-changes",
            defaultValue = "${env:WALLET_REMEMBERED_CHANGES:-" + WriterSettings.DEFAULT_REMEMBERED_CHANGES_PER_WALLET + "}",
            description = "How many of a wallet's latest changes stay in memory once PostgreSQL holds them (0 to "
                    + RestApiMain.MAX_REMEMBERED_CHANGES + "); older references are looked up in PostgreSQL. "
                    + "Env WALLET_REMEMBERED_CHANGES; default ${DEFAULT-VALUE}.")
    int rememberedChanges;

    @Option(names = "--max-wallets", defaultValue = "${env:WALLET_MAX_WALLETS:-" + WriterSettings.UNLIMITED_WALLETS + "}",
            description = "Most wallets the REST API holds (each in memory for good); opening one more answers 409 "
                    + "wallet_limit_reached (1 to " + WriterSettings.UNLIMITED_WALLETS + "). Env WALLET_MAX_WALLETS; "
                    + "default no limit.")
    int maxWallets;

    @Option(names = "--standby", defaultValue = "${env:WALLET_STANDBY:-false}",
            description = "Wait, up to 1 h, for the running writer to go away instead of failing to start "
                    + "(hot standby; exits 1 after the hour). Env WALLET_STANDBY; default ${DEFAULT-VALUE}.")
    boolean standby;
}
