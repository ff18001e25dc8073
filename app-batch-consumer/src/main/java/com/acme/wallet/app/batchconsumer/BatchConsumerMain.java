package com.acme.wallet.app.batchconsumer;

import com.acme.wallet.adapter.metrics.ManagementServer;
import com.acme.wallet.adapter.metrics.MicrometerPersisterMetrics;
import com.acme.wallet.adapter.metrics.PrometheusMetrics;
import com.acme.wallet.adapter.postgres.JdbiEventStore;
import com.acme.wallet.adapter.postgres.JdbiPersistedHistory;
import com.acme.wallet.adapter.postgres.PostgresDatabase;
import com.acme.wallet.adapter.postgres.PostgresSettings;
import com.acme.wallet.adapter.pulsar.PulsarBatchReceiver;
import com.acme.wallet.adapter.pulsar.PulsarBatchReceiverSettings;
import com.acme.wallet.adapter.pulsar.PulsarConnection;
import com.acme.wallet.adapter.pulsar.PulsarLogReader;
import com.acme.wallet.adapter.pulsar.PulsarLogReaderSettings;
import com.acme.wallet.adapter.pulsar.PulsarTopicSetup;
import com.acme.wallet.adapter.pulsar.PulsarUnavailableException;
import com.acme.wallet.application.DependencyWait;
import com.acme.wallet.application.Redaction;
import com.acme.wallet.application.history.HistoryAgreement;
import com.acme.wallet.application.history.OneHistoryCheck;
import com.acme.wallet.application.persistence.BatchPersisterSettings;
import com.acme.wallet.application.persistence.EventBatchPersister;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.logging.LogSettings;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * Starts the batch consumer: receives the event log in batches and persists each one into
 * PostgreSQL in one transaction before acknowledging it.
 *
 * <p>With the subcommand {@code check} it runs the money-conservation checker instead (see
 * {@link CheckCommand}) and exits with its status.
 *
 * <p>SIGTERM and SIGINT stop it gracefully: the batch in hand is committed and acknowledged, then it
 * exits with status 0. It exits with status 3 when the log cannot be persisted safely (an unreadable
 * message or a batch breaking a money rule): that needs a person, and restarting stops at the same
 * place.
 *
 * <p>It starts from the position stored in PostgreSQL, not from its subscription's cursor: it seeks
 * the subscription there (or to the topic's first message when PostgreSQL holds none), so a
 * database restored from an older backup is filled up again. First it checks that the topic holds,
 * at that position, the event PostgreSQL stored for it; if not (another, a re-created or a truncated
 * topic) it exits with status 5 and logs what to do ({@link HistoryAgreement#RECOVERY_STEPS}).
 *
 * <p>It never exits because Pulsar or PostgreSQL is away: at startup it waits for each of them with
 * a logged back-off (pauses doubling from 100 ms to 5 s, see {@link DependencyWait}), and while
 * running it retries receiving and persisting the same way.
 */
public final class BatchConsumerMain {

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumerMain.class);
    private static final int STOPPED = 0;
    private static final int WRONG_CONFIGURATION = 2;
    private static final int CANNOT_PERSIST_SAFELY = 3;
    /** PostgreSQL's stored position is not in the topic: a person must choose which history is right. */
    private static final int NOT_ONE_HISTORY = 5;
    /** The management endpoint's port setting that turns it off. */
    private static final String MANAGEMENT_OFF = "off";
    private static final int MAX_PORT = 65_535;

    private BatchConsumerMain() {}

    /**
     * Runs the consumer until it is told to stop.
     *
     * @param arguments options; see {@code --help}
     */
    public static void main(String[] arguments) {
        Optional<String> logProblem = LogSettings.problem();
        if (logProblem.isPresent()) {
            System.err.println("wallet batch consumer not started: " + logProblem.get());
            System.exit(WRONG_CONFIGURATION);
        }
        BatchConsumerOptions options = new BatchConsumerOptions();
        CommandLine commandLine = new CommandLine(options);
        OptionalInt answered = answerWithoutStarting(commandLine, arguments);
        if (answered.isPresent()) {
            System.exit(answered.getAsInt());
        }
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        if (parsed.hasSubcommand() && parsed.subcommand().commandSpec().userObject() instanceof CheckCommand check) {
            System.exit(check.run(System.out, System.err));
        }
        try {
            options.database.settings();
            options.pulsar.connectionSettings();
            options.pulsar.topicSetupSettings();
        } catch (IllegalArgumentException wrong) {
            System.err.println("wallet batch consumer not started: " + wrong.getMessage());
            System.exit(WRONG_CONFIGURATION);
        }
        Optional<Integer> managementPort = managementPort(options.managementPort);
        System.exit(run(options, managementPort));
    }

    /**
     * Parses the arguments into the command line's options. {@return the exit status when the
     * command line is answered without starting the consumer or the check: 0 after printing
     * {@code --help} or {@code --version} (of the program or of {@code check}), 2 for a wrong command
     * line (said on the command line's error stream); empty to run}
     */
    static OptionalInt answerWithoutStarting(CommandLine commandLine, String[] arguments) {
        try {
            commandLine.parseArgs(arguments);
        } catch (CommandLine.ParameterException wrong) {
            boolean checking = wrong.getCommandLine().getCommandSpec().userObject() instanceof CheckCommand;
            commandLine.getErr().println((checking ? "wallet check: " : "wallet batch consumer not started: ")
                    + wrong.getMessage());
            commandLine.getErr().flush();
            return OptionalInt.of(WRONG_CONFIGURATION);
        }
        return CommandLine.printHelpIfRequested(commandLine.getParseResult()) ? OptionalInt.of(0) : OptionalInt.empty();
    }

    /** {@return the management endpoint's port, or empty when it is off; exits 2 on a wrong setting} */
    private static Optional<Integer> managementPort(String setting) {
        if (setting.trim().equalsIgnoreCase(MANAGEMENT_OFF)) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(setting.trim());
            if (port >= 0 && port <= MAX_PORT) {
                return Optional.of(port);
            }
        } catch (NumberFormatException notANumber) {
            // Answered below, as for a number out of range.
        }
        System.err.println("wallet batch consumer not started: WALLET_MANAGEMENT_PORT must be 0 to " + MAX_PORT
                + " or off, not " + setting);
        System.exit(WRONG_CONFIGURATION);
        throw new IllegalStateException("unreachable");
    }

    private static int run(BatchConsumerOptions options, Optional<Integer> managementPort) {
        DependencyWait waiting = DependencyWait.withDefaultPauses();
        AtomicReference<EventBatchPersister> running = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        // Handled from the start, so that a consumer still waiting for Pulsar or PostgreSQL stops
        // at once, with status 0, like a running one.
        Signal.handle(new Signal("TERM"), signal -> stopAndWait(waiting, running, finished));
        Signal.handle(new Signal("INT"), signal -> stopAndWait(waiting, running, finished));
        // Serves from the start too: /ready answers 503 while the consumer waits for its dependencies.
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            MicrometerPersisterMetrics persisterMetrics = new MicrometerPersisterMetrics(metrics.registry(),
                    Clock.systemUTC(), () -> isPersisting(running));
            Optional<ManagementServer> management;
            try {
                management = managementPort.map(port -> ManagementServer.start(options.managementHost, port,
                        metrics::scrape, () -> isPersisting(running)));
            } catch (UncheckedIOException | IllegalArgumentException unbound) {
                LOG.error("not starting: {} (set WALLET_MANAGEMENT_PORT to a free port, 0 or off)",
                        unbound.getMessage());
                return WRONG_CONFIGURATION;
            }
            try {
                return waitThenPersist(options, waiting, running, metrics, persisterMetrics);
            } finally {
                management.ifPresent(ManagementServer::close);
            }
        } finally {
            finished.countDown();
        }
    }

    private static boolean isPersisting(AtomicReference<EventBatchPersister> running) {
        EventBatchPersister persister = running.get();
        return persister != null && persister.isPersisting();
    }

    /**
     * Waits for each dependency in turn, then persists until stopped. Every wait is the same
     * bounded, logged back-off ({@link DependencyWait}); a stop during a wait ends it with 0.
     */
    private static int waitThenPersist(BatchConsumerOptions options, DependencyWait waiting,
            AtomicReference<EventBatchPersister> running, PrometheusMetrics metrics,
            MicrometerPersisterMetrics persisterMetrics) {
        PulsarTopicSetup topicSetup = new PulsarTopicSetup(options.pulsar.topicSetupSettings());
        Optional<Boolean> topicReady = waiting.until("setting up " + options.pulsar.topic() + " through the Pulsar admin API at "
                + options.pulsar.adminUrl(), () -> {
                    topicSetup.ensure();
                    return true;
                }, BatchConsumerMain::isPulsarUnavailable);
        if (topicReady.isEmpty()) {
            return STOPPED;
        }
        PostgresSettings databaseSettings =
                options.database.settings();
        Optional<PostgresDatabase> opened = waiting.until("opening PostgreSQL at " + databaseSettings.jdbcUrl(),
                () -> PostgresDatabase.open(databaseSettings, "wallet-postgres", metrics.registry()),
                failure -> true);
        if (opened.isEmpty()) {
            return STOPPED;
        }
        try (PostgresDatabase database = opened.get()) {
            Optional<HistoryAgreement> agreement = waiting.until("checking that PostgreSQL's stored position is in "
                    + options.pulsar.topic(), () -> checkOneHistory(options, database),
                    BatchConsumerMain::isPulsarOrPostgresUnavailable);
            if (agreement.isEmpty()) {
                return STOPPED;
            }
            if (agreement.get() instanceof HistoryAgreement.Disagrees disagrees) {
                LOG.error("not starting: {}", disagrees.report());
                return NOT_ONE_HISTORY;
            }
            LogPositions persisted = ((HistoryAgreement.Agrees) agreement.get()).persisted();
            Optional<Subscribed> subscribed = waiting.until("subscribing " + options.pulsar.subscription() + " to "
                    + options.pulsar.topic() + " at " + options.pulsar.url() + " after " + persisted,
                    () -> Subscribed.to(options, persisted), BatchConsumerMain::isPulsarUnavailable);
            if (subscribed.isEmpty()) {
                return STOPPED;
            }
            try (Subscribed pulsar = subscribed.get()) {
                return persist(options, database, pulsar.receiver(), waiting, running, persisterMetrics);
            }
        }
    }

    private static int persist(BatchConsumerOptions options, PostgresDatabase database, PulsarBatchReceiver receiver,
            DependencyWait waiting, AtomicReference<EventBatchPersister> running,
            MicrometerPersisterMetrics persisterMetrics) {
        EventBatchPersister persister = new EventBatchPersister(receiver,
                new JdbiEventStore(database.jdbi(), PostgresDatabase.TIMESTAMP_CLOCK),
                BatchPersisterSettings.defaults(), persisterMetrics);
        running.set(persister);
        if (waiting.isStopping()) {
            // The signal came between the last wait and the line above: it saw no persister to stop.
            persister.stop();
        }
        LOG.info("persisting {} ({}) into {} in batches of up to {} events", options.pulsar.topic(), options.pulsar.subscription(),
                Redaction.hideCredentials(options.database.url()), options.batchMaxEvents);
        // While running, a failing receive is retried by the persister with the same pauses, and a
        // failing acknowledgement is logged and redelivered later: neither ends the program.
        EventBatchPersister.Ending ending = persister.run();
        LOG.info("{}: {} events persisted, {} redelivered ones ignored", ending, persister.persistedEvents(),
                persister.duplicateEvents());
        return ending == EventBatchPersister.Ending.STOPPED ? STOPPED : CANNOT_PERSIST_SAFELY;
    }

    private static HistoryAgreement checkOneHistory(BatchConsumerOptions options, PostgresDatabase database) {
        try (PulsarConnection connection = PulsarConnection.open(options.pulsar.connectionSettings())) {
            return new OneHistoryCheck(new JdbiPersistedHistory(database.jdbi()),
                    new PulsarLogReader(connection, PulsarLogReaderSettings.defaults().withTopic(options.pulsar.topic()))).check();
        }
    }

    private static boolean isPulsarOrPostgresUnavailable(RuntimeException failure) {
        return isPulsarUnavailable(failure) || failure instanceof JdbiException;
    }

    private static boolean isPulsarUnavailable(RuntimeException failure) {
        // Anything else (a partitioned topic, a wrong URL's IllegalArgumentException) will not
        // change by waiting: it ends the program with the reason.
        return failure instanceof PulsarUnavailableException;
    }

    /**
     * The client and the consumer on it, created and closed together: when subscribing fails, the
     * client is closed before the next attempt, so waiting leaks nothing.
     */
    private record Subscribed(PulsarConnection connection, PulsarBatchReceiver receiver) implements AutoCloseable {

        static Subscribed to(BatchConsumerOptions options, LogPositions persisted) {
            PulsarBatchReceiverSettings receiving = PulsarBatchReceiverSettings.defaults()
                    .withTopic(options.pulsar.topic(), options.pulsar.subscription())
                    .withBatches(options.batchMaxEvents, Duration.ofMillis(options.batchMaxWaitMillis));
            PulsarConnection connection = PulsarConnection.open(options.pulsar.connectionSettings());
            try {
                return new Subscribed(connection, PulsarBatchReceiver.subscribeAfter(connection, receiving, persisted));
            } catch (RuntimeException failure) {
                closeQuietly(connection);
                throw failure;
            }
        }

        @Override
        public void close() {
            try {
                receiver.close();
            } finally {
                connection.close();
            }
        }

        private static void closeQuietly(PulsarConnection connection) {
            try {
                connection.close();
            } catch (RuntimeException closing) {
                LOG.debug("closing the Pulsar client after a failed subscribe failed too", closing);
            }
        }
    }

    /**
     * Runs on the signal's thread: ends a wait for a dependency at once, or lets the loop finish its
     * batch, and the resources close, before exiting.
     */
    private static void stopAndWait(DependencyWait waiting, AtomicReference<EventBatchPersister> running,
            CountDownLatch finished) {
        LOG.info("stopping: committing and acknowledging the batch in hand, if any");
        waiting.stop();
        EventBatchPersister persister = running.get();
        if (persister != null) {
            persister.stop();
        }
        try {
            finished.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
