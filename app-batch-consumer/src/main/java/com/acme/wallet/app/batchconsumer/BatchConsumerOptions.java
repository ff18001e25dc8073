package com.acme.wallet.app.batchconsumer;

import com.acme.wallet.app.options.PostgresOptions;
import com.acme.wallet.app.options.ProgramVersion;
import com.acme.wallet.app.options.PulsarOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The batch consumer's configuration: each option is also read from an environment variable, which
 * is how the README, {@code ./wallet} and containers set it.
 */
@Command(name = "wallet-batch-consumer", mixinStandardHelpOptions = true, versionProvider = ProgramVersion.class,
        sortOptions = false,
        description = "Persists the wallet event log into PostgreSQL in batches, exactly once.",
        subcommands = CheckCommand.class)
final class BatchConsumerOptions {

    // The connection options are inherited by the check subcommand (see the mixins): picocli stores
    // their values here whichever side of "check" they are given on.

    @Mixin
    PulsarOptions pulsar;

    @Mixin
    PostgresOptions database;

    @Option(names = "--batch-max-events", defaultValue = "${env:WALLET_BATCH_MAX_EVENTS:-1000}",
            description = "The most events persisted in one transaction. Env WALLET_BATCH_MAX_EVENTS; "
                    + "default ${DEFAULT-VALUE}.")
    int batchMaxEvents;

    @Option(names = "--batch-max-wait-ms", defaultValue = "${env:WALLET_BATCH_MAX_WAIT_MS:-100}",
            description = "The longest wait for a batch to fill, in ms. Env WALLET_BATCH_MAX_WAIT_MS; "
                    + "default ${DEFAULT-VALUE}.")
    long batchMaxWaitMillis;

    @Option(names = "--management-host", defaultValue = "${env:WALLET_MANAGEMENT_HOST:-127.0.0.1}",
            description = "Address the management endpoint (GET /metrics, GET /ready) binds. "
                    + "Env WALLET_MANAGEMENT_HOST; default ${DEFAULT-VALUE}.")
    String managementHost;

    @Option(names = "--management-port", defaultValue = "${env:WALLET_MANAGEMENT_PORT:-8082}",
            description = "Port of the management endpoint: 1 to 65535, 0 for any free port (logged), or off. "
                    + "Env WALLET_MANAGEMENT_PORT; default ${DEFAULT-VALUE}.")
    String managementPort;
}
