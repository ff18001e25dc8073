package com.acme.wallet.app.batchconsumer;

import com.acme.wallet.adapter.httpclient.HttpRestApiBalances;
import com.acme.wallet.adapter.postgres.JdbiLedgerQueries;
import com.acme.wallet.adapter.postgres.PostgresDatabase;
import com.acme.wallet.adapter.postgres.PostgresSettings;
import com.acme.wallet.adapter.pulsar.PulsarConnection;
import com.acme.wallet.adapter.pulsar.PulsarLogReader;
import com.acme.wallet.adapter.pulsar.PulsarLogReaderSettings;
import com.acme.wallet.app.options.ProgramVersion;
import com.acme.wallet.application.check.CheckOutcome;
import com.acme.wallet.application.check.ConservationCheck;
import com.acme.wallet.application.port.out.ReadServedBalancesPort;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code check} subcommand: the money-conservation checker for tests and operators. It wires
 * PostgreSQL, the topic and (given its URL) the REST API into the application's
 * {@link ConservationCheck}, which changes nothing; it prints one line per violation and a summary,
 * and exits with one of the codes below.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = ProgramVersion.class,
        sortOptions = false,
        description = {"Checks that no money was lost or invented: PostgreSQL against itself, the topic against "
                + "PostgreSQL once the consumer has caught up, and the REST API's balances against PostgreSQL.",
            "Exit codes: 0 every rule holds; 1 a violation was found; 2 wrong usage; "
                + "4 a service could not be reached, nothing concluded."})
final class CheckCommand {

    /** Every rule holds. */
    static final int HOLDS = 0;
    /** At least one violation; the report lists them. */
    static final int VIOLATED = 1;
    /** The options are wrong. */
    static final int WRONG_USAGE = 2;
    /** PostgreSQL, Pulsar or the REST API did not answer: the check concluded nothing. */
    static final int UNREACHABLE = 4;

    /**
     * The longest one of the audit's queries may run: it reads whole tables, on a database that may
     * be busy catching up, and nobody waits for it but the operator (the consumer's 30 s is for
     * batches).
     */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(2);

    @ParentCommand
    BatchConsumerOptions connection;

    @Option(names = "--api-url", description = "The REST API to compare balances with, such as "
            + "http://127.0.0.1:8081; left out, the API is not checked.")
    URI apiUrl;

    @Option(names = "--api-token-file", description = "A file holding a token with the scope wallet:read that "
            + "the REST API of --api-url takes (read from a file so that it shows in no process list); left out, "
            + "no token is sent, which only a REST API with WALLET_AUTH=none answers.")
    Path apiTokenFile;

    @Option(names = "--catch-up-timeout-seconds", defaultValue = "30",
            description = "The longest wait for every event of the topic to be in PostgreSQL; "
                    + "default ${DEFAULT-VALUE}.")
    long catchUpTimeoutSeconds;

    @Option(names = "--http-timeout-ms", defaultValue = "5000",
            description = "The longest wait to connect to the REST API and for each answer; default ${DEFAULT-VALUE}.")
    long httpTimeoutMillis;

    @Option(names = "--max-listed-per-kind", defaultValue = "20",
            description = "The most violations of one kind listed line by line (all are counted); "
                    + "default ${DEFAULT-VALUE}.")
    int listedPerKindMax;

    @Option(names = "--lookup-batch-events", defaultValue = "1000",
            description = "How many topic events are looked up in PostgreSQL in one query; default ${DEFAULT-VALUE}.")
    int lookupBatchEvents;

    /**
     * Runs the check and prints its report.
     *
     * @param out where the report goes
     * @param err where usage and reachability errors go
     * @return the exit code
     */
    int run(PrintStream out, PrintStream err) {
        ConservationCheck.Settings settings;
        Optional<ReadServedBalancesPort> api;
        try {
            if (catchUpTimeoutSeconds < 0 || catchUpTimeoutSeconds > 3_600 || httpTimeoutMillis < 1
                    || httpTimeoutMillis > 600_000) {
                throw new IllegalArgumentException("the catch-up timeout must be 0 to 3600 s and the HTTP timeout "
                        + "1 to 600000 ms");
            }
            connection.database.settings();
            connection.pulsar.connectionSettings();
            settings = new ConservationCheck.Settings(listedPerKindMax, lookupBatchEvents,
                    Duration.ofSeconds(catchUpTimeoutSeconds), Duration.ofMillis(500));
            Optional<String> token = apiToken();
            api = Optional.ofNullable(apiUrl)
                    .map(url -> new HttpRestApiBalances(url, Duration.ofMillis(httpTimeoutMillis), token));
        } catch (IllegalArgumentException wrong) {
            err.println("wallet check: " + wrong.getMessage());
            return WRONG_USAGE;
        }
        CheckOutcome outcome;
        try {
            outcome = check(settings, api);
        } catch (RuntimeException unreachable) {
            // Opening PostgreSQL or the Pulsar client failed: as unanswered as a query that fails.
            outcome = new CheckOutcome.Inconclusive(unreachable);
        }
        if (outcome instanceof CheckOutcome.Inconclusive inconclusive) {
            err.println("wallet check: could not complete, nothing concluded: " + inconclusive.failure());
            out.println("CHECK INCOMPLETE: " + inconclusive.failure().getMessage());
            return UNREACHABLE;
        }
        if (outcome instanceof CheckOutcome.Violated violated) {
            violated.report().printTo(out);
            return VIOLATED;
        }
        ((CheckOutcome.Holds) outcome).report().printTo(out);
        return HOLDS;
    }

    /**
     * {@return the token of --api-token-file, if given}
     *
     * @throws IllegalArgumentException if the file is unreadable or holds no token, or --api-url is missing
     */
    private Optional<String> apiToken() {
        if (apiTokenFile == null) {
            return Optional.empty();
        }
        if (apiUrl == null) {
            throw new IllegalArgumentException("--api-token-file is for the REST API of --api-url, which is missing");
        }
        String token;
        try {
            token = Files.readString(apiTokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot read --api-token-file " + apiTokenFile + ": " + unreadable);
        }
        if (token.isEmpty() || token.chars().anyMatch(character -> character <= ' ' || character > '~')) {
            throw new IllegalArgumentException("--api-token-file " + apiTokenFile + " holds no token: one line of "
                    + "visible ASCII characters");
        }
        return Optional.of(token);
    }

    private CheckOutcome check(ConservationCheck.Settings settings, Optional<ReadServedBalancesPort> api) {
        PostgresSettings defaults = connection.database.settings();
        PostgresSettings database = new PostgresSettings(defaults.jdbcUrl(), defaults.user(), defaults.password(),
                defaults.maximumPoolSize(), defaults.connectionTimeout(), STATEMENT_TIMEOUT);
        PulsarLogReaderSettings reading = PulsarLogReaderSettings.defaults().withTopic(connection.pulsar.topic());
        try (PostgresDatabase postgres = PostgresDatabase.open(database);
                PulsarConnection pulsar =
                        PulsarConnection.open(connection.pulsar.connectionSettings())) {
            JdbiLedgerQueries ledger = new JdbiLedgerQueries(postgres.jdbi());
            return new ConservationCheck(ledger, ledger, ledger, new PulsarLogReader(pulsar, reading), api, settings)
                    .run();
        }
    }
}
