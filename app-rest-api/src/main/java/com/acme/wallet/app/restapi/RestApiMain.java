package com.acme.wallet.app.restapi;

import com.acme.wallet.adapter.http.HttpSettings;
import com.acme.wallet.adapter.http.RateLimit;
import com.acme.wallet.adapter.http.TokenFile;
import com.acme.wallet.application.history.NotOneHistoryException;
import com.acme.wallet.logging.LogSettings;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * Starts the wallet REST API. Options come from the command line or environment variables (see
 * {@code --help} and the README).
 *
 * <p>SIGHUP reads the token file again. SIGTERM and SIGINT stop it gracefully: it takes no new requests, finishes those in flight,
 * closes the log and exits with status 0, also while it is still waiting for Pulsar or PostgreSQL.
 * It exits with status 1 when it cannot start for a reason waiting does not cure, such as another
 * writer holding the log, and with status 5 when PostgreSQL's stored log position is not in the
 * topic (the log says what to do).
 */
public final class RestApiMain {

    private static final String NOT_STARTED = "wallet REST API not started: ";
    private static final int STARTUP_FAILED = 1;
    private static final int WRONG_CONFIGURATION = 2;
    /** As the batch consumer's: PostgreSQL and the topic are not one history. */
    private static final int NOT_ONE_HISTORY = 5;
    private static final long MAX_WRITE_TIMEOUT_MILLIS = 60_000;
    private static final long MAX_IDLE_TIMEOUT_MILLIS = 600_000;
    /** Above this a wallet's window costs more memory than it saves queries. */
    static final int MAX_REMEMBERED_CHANGES = 10_000;

    private RestApiMain() {}

    /**
     * Runs the API until it is told to stop.
     *
     * @param arguments options; see {@code --help}
     */
    public static void main(String[] arguments) {
        LogSettings.problem().ifPresent(RestApiMain::exitMisconfigured);
        RestApiOptions options = new RestApiOptions();
        CommandLine commandLine = commandLine(options);
        OptionalInt answered = answerWithoutStarting(commandLine, arguments);
        if (answered.isPresent()) {
            System.exit(answered.getAsInt());
        }
        if (options.log == null) {
            exitMisconfigured("no durable event log is configured. Set WALLET_LOG=pulsar (durable, needs Pulsar "
                    + "and PostgreSQL), or WALLET_LOG=memory to try the API on an in-memory log that loses every "
                    + "balance when the process stops.");
        }
        if (options.writeTimeoutMillis < 1 || options.writeTimeoutMillis > MAX_WRITE_TIMEOUT_MILLIS) {
            exitMisconfigured("WALLET_WRITE_TIMEOUT_MS must be 1 to " + MAX_WRITE_TIMEOUT_MILLIS + ", not "
                    + options.writeTimeoutMillis);
        }
        if (options.idleTimeoutMillis <= options.writeTimeoutMillis || options.idleTimeoutMillis > MAX_IDLE_TIMEOUT_MILLIS) {
            exitMisconfigured("WALLET_HTTP_IDLE_TIMEOUT_MS must be longer than WALLET_WRITE_TIMEOUT_MS ("
                    + options.writeTimeoutMillis + ") and at most " + MAX_IDLE_TIMEOUT_MILLIS + ", not "
                    + options.idleTimeoutMillis);
        }
        if (options.minRequestBytesPerSecond < 1
                || options.minRequestBytesPerSecond > HttpSettings.MAX_MIN_REQUEST_BYTES_PER_SECOND) {
            exitMisconfigured("WALLET_HTTP_MIN_REQUEST_DATA_RATE must be 1 to "
                    + HttpSettings.MAX_MIN_REQUEST_BYTES_PER_SECOND + " bytes/s, not " + options.minRequestBytesPerSecond);
        }
        if (options.maxConnections < 1 || options.maxConnections > HttpSettings.MAX_MAX_CONNECTIONS) {
            exitMisconfigured("WALLET_HTTP_MAX_CONNECTIONS must be 1 to " + HttpSettings.MAX_MAX_CONNECTIONS + ", not "
                    + options.maxConnections);
        }
        Optional<TokenFile> tokens = Optional.empty();
        try {
            tokens = options.auth.tokenFile();
            options.tls.settings();
            options.database.settings();
            options.pulsar.connectionSettings();
            options.pulsar.topicSetupSettings();
        } catch (IllegalArgumentException wrongSecret) {
            exitMisconfigured(wrongSecret.getMessage());
        }
        if (options.rateLimitPerSecond < 0 || options.rateLimitPerSecond > RateLimit.MAX_PER_SECOND) {
            exitMisconfigured("WALLET_RATE_LIMIT_PER_SECOND must be 0 (no limit) to " + RateLimit.MAX_PER_SECOND
                    + ", not " + options.rateLimitPerSecond);
        }
        if (options.rateLimitBurst < 0 || options.rateLimitBurst > RateLimit.MAX_BURST
                || options.rateLimitBurst > 0 && options.rateLimitPerSecond == 0) {
            exitMisconfigured("WALLET_RATE_LIMIT_BURST must be 1 to " + RateLimit.MAX_BURST
                    + ", and comes with WALLET_RATE_LIMIT_PER_SECOND; not " + options.rateLimitBurst);
        }
        if (options.maxWallets < 1) {
            exitMisconfigured("WALLET_MAX_WALLETS must be 1 to " + Integer.MAX_VALUE + ", not " + options.maxWallets);
        }
        if (options.rememberedChanges < 0 || options.rememberedChanges > MAX_REMEMBERED_CHANGES) {
            exitMisconfigured("WALLET_REMEMBERED_CHANGES must be 0 to " + MAX_REMEMBERED_CHANGES + ", not "
                    + options.rememberedChanges);
        }
        RestApi api = new RestApi();
        // Handled before starting, so that an API still waiting for Pulsar or PostgreSQL stops at
        // once with status 0. Handling the signals ourselves (rather than only a shutdown hook) lets
        // a graceful stop exit with 0.
        Signal.handle(new Signal("TERM"), signal -> stopAndExit(api));
        Signal.handle(new Signal("INT"), signal -> stopAndExit(api));
        // Tokens rotated: the file is read again now rather than at the next poll.
        tokens.ifPresent(file -> Signal.handle(new Signal("HUP"), signal -> file.reload()));
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "wallet-shutdown"));
        try {
            api.start(options, tokens);
        } catch (NotOneHistoryException refused) {
            LoggerFactory.getLogger(RestApiMain.class).error("wallet REST API not started: {}", refused.getMessage());
            System.exit(NOT_ONE_HISTORY);
        } catch (RuntimeException failure) {
            // Jetty's threads would keep a half-started process alive; exit instead, loudly.
            LoggerFactory.getLogger(RestApiMain.class).error("wallet REST API could not start", failure);
            System.exit(STARTUP_FAILED);
        }
    }

    /** {@return the command line of the REST API, filling in {@code options}} */
    static CommandLine commandLine(RestApiOptions options) {
        return new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * Parses the arguments into the command line's options. {@return the exit status when the
     * command line is answered without starting the API: 0 after printing {@code --help} or
     * {@code --version}, 2 for a wrong command line (said on the command line's error stream); empty
     * to start}
     */
    static OptionalInt answerWithoutStarting(CommandLine commandLine, String[] arguments) {
        try {
            commandLine.parseArgs(arguments);
        } catch (CommandLine.ParameterException wrong) {
            commandLine.getErr().println(NOT_STARTED + wrong.getMessage());
            commandLine.getErr().flush();
            return OptionalInt.of(WRONG_CONFIGURATION);
        }
        return CommandLine.printHelpIfRequested(commandLine.getParseResult()) ? OptionalInt.of(0) : OptionalInt.empty();
    }

    private static void exitMisconfigured(String reason) {
        System.err.println(NOT_STARTED + reason);
        System.exit(WRONG_CONFIGURATION);
    }

    private static void stopAndExit(RestApi api) {
        api.close();
        System.exit(0);
    }
}
