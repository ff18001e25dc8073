package com.acme.wallet.app.batchconsumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The batch consumer's configuration: each option is also read from an environment variable, which
 * is how the README, {@code ./wallet} and containers set it.
 */
@Command(name = "wallet-batch-consumer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Persists the wallet event log into PostgreSQL in batches, exactly once.",
        subcommands = CheckCommand.class)
final class BatchConsumerOptions {

    // The options marked ScopeType.INHERIT are also options of the check subcommand; picocli stores
    // their values here whichever side of "check" they are given on.

    @Option(names = "--pulsar-url", scope = ScopeType.INHERIT,
            defaultValue = "${env:WALLET_PULSAR_URL:-pulsar://127.0.0.1:6650}",
            description = "Pulsar service URL. Env WALLET_PULSAR_URL; default ${DEFAULT-VALUE}.")
    String pulsarUrl;

    @Option(names = "--pulsar-admin-url", defaultValue = "${env:WALLET_PULSAR_ADMIN_URL:-http://127.0.0.1:8080}",
            description = "Pulsar admin URL. Env WALLET_PULSAR_ADMIN_URL; default ${DEFAULT-VALUE}.")
    String pulsarAdminUrl;

    @Option(names = "--topic", scope = ScopeType.INHERIT,
            defaultValue = "${env:WALLET_PULSAR_TOPIC:-persistent://public/default/transactions}",
            description = "The event log's topic. Env WALLET_PULSAR_TOPIC; default ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--subscription", defaultValue = "${env:WALLET_PULSAR_SUBSCRIPTION:-wallet-batch-consumer}",
            description = "The durable Failover subscription; a second consumer on it is a hot standby. "
                    + "Env WALLET_PULSAR_SUBSCRIPTION; default ${DEFAULT-VALUE}.")
    String subscription;

    @Option(names = "--batch-max-events", defaultValue = "${env:WALLET_BATCH_MAX_EVENTS:-1000}",
            description = "The most events persisted in one transaction. Env WALLET_BATCH_MAX_EVENTS; "
                    + "default ${DEFAULT-VALUE}.")
    int batchMaxEvents;

    @Option(names = "--batch-max-wait-ms", defaultValue = "${env:WALLET_BATCH_MAX_WAIT_MS:-100}",
            description = "The longest wait for a batch to fill, in ms. Env WALLET_BATCH_MAX_WAIT_MS; "
                    + "default ${DEFAULT-VALUE}.")
    long batchMaxWaitMillis;

    @Option(names = "--db-url", scope = ScopeType.INHERIT,
            defaultValue = "${env:WALLET_DB_URL:-jdbc:postgresql://127.0.0.1:5432/wallet}",
            description = "PostgreSQL JDBC URL. Env WALLET_DB_URL; default ${DEFAULT-VALUE}.")
    String databaseUrl;

    @Option(names = "--db-user", scope = ScopeType.INHERIT, defaultValue = "${env:WALLET_DB_USER:-postgres}",
            description = "PostgreSQL user. Env WALLET_DB_USER; default ${DEFAULT-VALUE}.")
    String databaseUser;

    @Option(names = "--db-password", scope = ScopeType.INHERIT, defaultValue = "${env:WALLET_DB_PASSWORD:-}",
            description = "PostgreSQL password. Env WALLET_DB_PASSWORD; default empty.")
    String databasePassword;
}
