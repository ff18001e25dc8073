package com.acme.wallet.app.batchconsumer;

import com.acme.wallet.adapter.postgres.JdbiEventStore;
import com.acme.wallet.adapter.postgres.PostgresDatabase;
import com.acme.wallet.adapter.postgres.PostgresSettings;
import com.acme.wallet.adapter.pulsar.PulsarBatchReceiver;
import com.acme.wallet.adapter.pulsar.PulsarBatchReceiverSettings;
import com.acme.wallet.adapter.pulsar.PulsarConnection;
import com.acme.wallet.adapter.pulsar.PulsarConnectionSettings;
import com.acme.wallet.adapter.pulsar.PulsarTopicSetup;
import com.acme.wallet.adapter.pulsar.PulsarTopicSetupSettings;
import com.acme.wallet.application.persistence.BatchPersisterSettings;
import com.acme.wallet.application.persistence.EventBatchPersister;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
 */
public final class BatchConsumerMain {

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumerMain.class);
    private static final int WRONG_CONFIGURATION = 2;
    private static final int CANNOT_PERSIST_SAFELY = 3;


    private BatchConsumerMain() {}

    /**
     * Runs the consumer until it is told to stop.
     *
     * @param arguments options; see {@code --help}
     */
    public static void main(String[] arguments) {
        BatchConsumerOptions options = new BatchConsumerOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(arguments);
        } catch (CommandLine.ParameterException wrong) {
            boolean checking = wrong.getCommandLine().getCommandSpec().userObject() instanceof CheckCommand;
            System.err.println((checking ? "wallet check: " : "wallet batch consumer not started: ")
                    + wrong.getMessage());
            System.exit(WRONG_CONFIGURATION);
        }
        if (CommandLine.printHelpIfRequested(commandLine.getParseResult())) {
            return;
        }
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        if (parsed.hasSubcommand() && parsed.subcommand().commandSpec().userObject() instanceof CheckCommand check) {
            System.exit(check.run(System.out, System.err));
        }
        System.exit(run(options));
    }

    private static int run(BatchConsumerOptions options) {
        PulsarBatchReceiverSettings receiving = PulsarBatchReceiverSettings.defaults()
                .withTopic(options.topic, options.subscription)
                .withBatches(options.batchMaxEvents, Duration.ofMillis(options.batchMaxWaitMillis));
        CountDownLatch finished = new CountDownLatch(1);
        new PulsarTopicSetup(PulsarTopicSetupSettings.defaults(options.pulsarAdminUrl)
                .withTopic(options.topic, options.subscription)).ensure();
        PostgresSettings databaseSettings =
                PostgresSettings.of(options.databaseUrl, options.databaseUser, options.databasePassword);
        try (PostgresDatabase database = openRetrying(databaseSettings);
                PulsarConnection pulsar = PulsarConnection.open(PulsarConnectionSettings.defaults(options.pulsarUrl));
                PulsarBatchReceiver receiver = PulsarBatchReceiver.subscribe(pulsar, receiving)) {
            EventBatchPersister persister = new EventBatchPersister(receiver,
                    new JdbiEventStore(database.jdbi(), PostgresDatabase.TIMESTAMP_CLOCK),
                    BatchPersisterSettings.defaults());
            Signal.handle(new Signal("TERM"), signal -> stopAndWait(persister, finished));
            Signal.handle(new Signal("INT"), signal -> stopAndWait(persister, finished));
            LOG.info("persisting {} ({}) into {} in batches of up to {} events", options.topic, options.subscription,
                    options.databaseUrl, options.batchMaxEvents);
            EventBatchPersister.Ending ending = persister.run();
            LOG.info("{}: {} events persisted, {} redelivered ones ignored", ending, persister.persistedEvents(),
                    persister.duplicateEvents());
            return ending == EventBatchPersister.Ending.STOPPED ? 0 : CANNOT_PERSIST_SAFELY;
        } finally {
            finished.countDown();
        }
    }

    /**
     * Opens the database, waiting for it as long as it takes: a consumer started before PostgreSQL
     * (or during its outage) recovers by itself, with pauses doubling from 100 ms up to 5 s.
     */
    private static PostgresDatabase openRetrying(PostgresSettings settings) {
        long pauseMillis = 100;
        while (true) {
            try {
                return PostgresDatabase.open(settings);
            } catch (RuntimeException unavailable) {
                LOG.warn("PostgreSQL at {} is not available ({}); retrying in {} ms", settings.jdbcUrl(),
                        unavailable.getMessage(), pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw unavailable;
                }
                pauseMillis = Math.min(5_000, pauseMillis * 2);
            }
        }
    }

    /** Runs on the signal's thread: lets the loop finish its batch, and the resources close, before exiting. */
    private static void stopAndWait(EventBatchPersister persister, CountDownLatch finished) {
        LOG.info("stopping: committing and acknowledging the batch in hand");
        persister.stop();
        try {
            finished.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
