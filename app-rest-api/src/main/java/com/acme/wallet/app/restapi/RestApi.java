package com.acme.wallet.app.restapi;

import com.acme.wallet.adapter.http.Authentication;
import com.acme.wallet.adapter.http.HttpMetrics;
import com.acme.wallet.adapter.http.HttpSettings;
import com.acme.wallet.adapter.http.JavalinWalletApi;
import com.acme.wallet.adapter.http.RateLimit;
import com.acme.wallet.adapter.http.TokenFile;
import com.acme.wallet.adapter.metrics.MicrometerWriterMetrics;
import com.acme.wallet.adapter.metrics.PrometheusMetrics;
import com.acme.wallet.adapter.postgres.JdbiPersistedHistory;
import com.acme.wallet.adapter.postgres.JdbiStoredChanges;
import com.acme.wallet.adapter.postgres.JdbiWalletHistory;
import com.acme.wallet.adapter.postgres.JdbiWalletSnapshots;
import com.acme.wallet.adapter.postgres.PostgresDatabase;
import com.acme.wallet.adapter.postgres.PostgresSettings;
import com.acme.wallet.adapter.pulsar.PulsarConnection;
import com.acme.wallet.adapter.pulsar.PulsarEventLog;
import com.acme.wallet.adapter.pulsar.PulsarEventLogSettings;
import com.acme.wallet.adapter.pulsar.PulsarLogReader;
import com.acme.wallet.adapter.pulsar.PulsarLogReaderSettings;
import com.acme.wallet.adapter.pulsar.PulsarTopicSetup;
import com.acme.wallet.adapter.pulsar.PulsarUnavailableException;
import com.acme.wallet.adapter.pulsar.PulsarWriterFencedException;
import com.acme.wallet.application.DeferredEventLog;
import com.acme.wallet.application.DeferredStoredChanges;
import com.acme.wallet.application.DeferredWalletHistory;
import com.acme.wallet.application.DependencyWait;
import com.acme.wallet.application.SnapshotAndLogLoader;
import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.WriterSettings;
import com.acme.wallet.application.history.HistoryAgreement;
import com.acme.wallet.application.history.NotOneHistoryException;
import com.acme.wallet.application.history.OneHistoryCheck;
import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.inmemory.InMemoryStoredChanges;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;
import com.acme.wallet.application.service.WalletServices;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API, wired with plain constructors: the HTTP adapter over the use-case services over the wallet writer over the
 * configured event log.
 *
 * <p>Startup order matters for money: the exclusive producer is taken first, so no other writer can
 * append once this one reads the log; then the PostgreSQL snapshot and the rest of the log are
 * loaded; then writes are taken. The HTTP server starts before all that and answers 503 meanwhile,
 * so that a supervisor sees the process alive while it waits for Pulsar and PostgreSQL (with a
 * logged back-off, {@link DependencyWait}) instead of exiting.
 */
final class RestApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    /**
     * How long a standby waits for the running writer to go away: the longest producer creation the
     * Pulsar adapter allows. Then it exits with status 1, for its supervisor to start it again.
     */
    private static final Duration STANDBY_WAIT = Duration.ofHours(1);

    /** Connections for looking up references the REST API no longer holds in memory. */
    private static final int LOOKUP_POOL_SIZE = 8;

    /** The longest a lookup waits for a connection, and runs: the request waits for it. */
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(1);

    /** Connections for reads of stored history (pages, past balances, rounds). */
    private static final int HISTORY_POOL_SIZE = 4;

    /**
     * The longest a read of stored history waits for a connection, and runs. A page is an index range
     * scan; a time filter or {@code at} on a wallet of very many changes scans more, and is cut here.
     */
    private static final Duration HISTORY_TIMEOUT = Duration.ofSeconds(2);

    /** How often the token file is checked for changes. */
    private static final Duration TOKEN_FILE_POLL = Duration.ofSeconds(1);

    private final DependencyWait waiting = DependencyWait.withDefaultPauses();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    /** Every meter of the process, served at GET /metrics; closed last. */
    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private Javalin http;
    private WalletWriter writer;
    private Authentication authentication;
    private boolean stopped;

    /** Creates an API that is not started; {@link #close()} may be called at any time from then on. */
    RestApi() {}

    /**
     * Wires and starts the API, waiting for Pulsar and PostgreSQL as long as they are unreachable.
     * Returns early, not started, if {@link #close()} is called meanwhile.
     *
     * @param options the configuration
     * @param tokens the token file, read, or empty to check nobody
     * @throws RuntimeException if a part cannot start for a reason waiting does not cure (another
     *     writer holds the log, a standby's wait expired, a wrong setting); what had started is
     *     closed again
     */
    void start(RestApiOptions options, Optional<TokenFile> tokens) {
        try {
            authentication = tokens.map(file -> Authentication.byTokens(own(file).watchEvery(TOKEN_FILE_POLL)))
                    .orElseGet(RestApi::nobodyChecked);
            startParts(options);
        } catch (RuntimeException failure) {
            if (isStopping()) {
                // close() pulled the parts from under the startup: that is the stop, not a fault.
                LOG.info("stopped while starting ({})", failure.toString());
                return;
            }
            close();
            throw failure;
        }
    }

    private static Authentication nobodyChecked() {
        LOG.warn("*** WALLET_AUTH=none: nobody is authenticated, and every request may open, read and change every "
                + "wallet. For a developer's machine only. ***");
        return Authentication.none();
    }

    private synchronized boolean isStopping() {
        return stopped;
    }

    /** {@return the port the API listens on} */
    synchronized int port() {
        return http.port();
    }

    /**
     * Stops in order: no new requests, requests in flight finished, changes in flight confirmed,
     * then the log and the database closed. Ends a wait for Pulsar or PostgreSQL at once. Safe to
     * call more than once, and from another thread while starting.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        waiting.stop();
        LOG.info("stopping: finishing requests in flight");
        if (http != null) {
            closeQuietly(http::stop);
        }
        if (writer != null) {
            closeQuietly(writer);
        }
        while (!resources.isEmpty()) {
            closeQuietly(resources.pop());
        }
        closeQuietly(metrics);
        LOG.info("stopped");
    }

    private void startParts(RestApiOptions options) {
        if (options.log == RestApiOptions.LogKind.memory) {
            LOG.warn("*** WALLET_LOG=memory: balances live in this process only and are LOST when it stops. "
                    + "Not for real money. ***");
            InMemoryEventLog memory = new InMemoryEventLog();
            // No PostgreSQL: the stored history is the log's own, which holds every change.
            startHttp(options, memory, memory, memory, new InMemoryStoredChanges(),
                    new InMemoryWalletHistory(memory::events)).start();
            return;
        }
        DeferredEventLog deferred = new DeferredEventLog();
        DeferredStoredChanges store = new DeferredStoredChanges();
        DeferredWalletHistory history = new DeferredWalletHistory();
        WalletWriter starting = startHttp(options, deferred, deferred, deferred, store, history);
        PulsarConnection pulsar = own(PulsarConnection.open(options.pulsar.connectionSettings()));
        Optional<PulsarEventLog> log = takeLog(options, pulsar);
        if (log.isEmpty()) {
            return;
        }
        PostgresSettings databaseSettings =
                options.database.settings();
        Optional<PostgresDatabase> database = waiting.until("opening PostgreSQL at " + databaseSettings.jdbcUrl(),
                () -> own(PostgresDatabase.open(databaseSettings, "wallet-postgres", metrics.registry())),
                failure -> !isStopping());
        if (database.isEmpty()) {
            return;
        }
        PulsarLogReader reader = new PulsarLogReader(pulsar, PulsarLogReaderSettings.defaults().withTopic(options.pulsar.topic()));
        if (!checkOneHistory(database.get(), reader)) {
            return;
        }
        deferred.open(log.get(), new SnapshotAndLogLoader(new JdbiWalletSnapshots(database.get().jdbi()), reader),
                reader);
        // A pool of its own with short timeouts: a request waits for its lookup, and while PostgreSQL
        // is down it must get its 503 in about a second, not after the pool's usual 5 s.
        PostgresSettings lookupSettings = new PostgresSettings(databaseSettings.jdbcUrl(), databaseSettings.user(),
                databaseSettings.password(), LOOKUP_POOL_SIZE, LOOKUP_TIMEOUT, LOOKUP_TIMEOUT);
        Optional<PostgresDatabase> lookups = waiting.until("opening PostgreSQL for reference lookups",
                () -> own(PostgresDatabase.connect(lookupSettings, "wallet-lookups", metrics.registry())),
                failure -> !isStopping());
        if (lookups.isEmpty()) {
            return;
        }
        JdbiStoredChanges storedChanges = new JdbiStoredChanges(lookups.get().jdbi(), database.get().jdbi());
        store.open(storedChanges);
        // Reads of stored history have a pool of their own, so that many of them never starve the lookups
        // that writes wait for; short timeouts, so that a client waits about a second for its 503.
        PostgresSettings historySettings = new PostgresSettings(databaseSettings.jdbcUrl(), databaseSettings.user(),
                databaseSettings.password(), HISTORY_POOL_SIZE, HISTORY_TIMEOUT, HISTORY_TIMEOUT);
        Optional<PostgresDatabase> historyReads = waiting.until("opening PostgreSQL for reads of stored history",
                () -> own(PostgresDatabase.connect(historySettings, "wallet-history", metrics.registry())),
                failure -> !isStopping());
        if (historyReads.isEmpty()) {
            return;
        }
        history.open(new JdbiWalletHistory(historyReads.get().jdbi()));
        LOG.info("holding the log and connected to PostgreSQL; loading wallets");
        Optional<Boolean> started = waiting.until("loading wallets from PostgreSQL and the topic", () -> {
            starting.start();
            return true;
        }, failure -> (failure instanceof JdbiException || failure instanceof PulsarUnavailableException) && !isStopping());
        if (started.isPresent()) {
            indexInBackground(storedChanges);
        }
    }

    /**
     * Reads every stored reference into the filter that spares new references a query, after the
     * API already serves: until it is done, such a reference costs one indexed query.
     */
    private void indexInBackground(JdbiStoredChanges storedChanges) {
        Thread indexing = new Thread(() -> {
            try {
                waiting.until("indexing the references stored in PostgreSQL", () -> {
                    storedChanges.index();
                    return true;
                }, failure -> failure instanceof JdbiException && !isStopping());
            } catch (RuntimeException failure) {
                LOG.error("indexing stored references failed; new references of wallets with older changes "
                        + "cost a PostgreSQL query each", failure);
            }
        }, "wallet-reference-index");
        indexing.setDaemon(true);
        indexing.start();
    }

    /**
     * Refuses to start when PostgreSQL's stored position is not in the topic: loading would then
     * read the topic from somewhere else in silence. Waits while Pulsar or PostgreSQL is away.
     *
     * @return false if stopped meanwhile
     * @throws NotOneHistoryException if they are not one history
     */
    private boolean checkOneHistory(PostgresDatabase database, PulsarLogReader reader) {
        OneHistoryCheck check = new OneHistoryCheck(new JdbiPersistedHistory(database.jdbi()), reader);
        Optional<HistoryAgreement> agreement = waiting.until("checking that PostgreSQL's stored position is in the "
                + "topic", check::check, failure -> (failure instanceof PulsarUnavailableException
                        || failure instanceof JdbiException) && !isStopping());
        if (agreement.isPresent() && agreement.get() instanceof HistoryAgreement.Disagrees disagrees) {
            throw new NotOneHistoryException(disagrees.report());
        }
        return agreement.isPresent();
    }

    /**
     * Sets the topic up, then takes it exclusively, each step repeated while Pulsar is unreachable.
     * Another writer holding the topic is not waited for (unless this is a standby, whose producer
     * waits by itself for up to {@link #STANDBY_WAIT}): that is the fence, and it must fail at once.
     */
    private Optional<PulsarEventLog> takeLog(RestApiOptions options, PulsarConnection pulsar) {
        // Retention, and the batch consumer's subscription, exist before the first append, so the
        // log is kept until persisted and can be read back from the snapshot's positions.
        PulsarTopicSetup topicSetup = new PulsarTopicSetup(options.pulsar.topicSetupSettings());
        Optional<Boolean> topicReady = waiting.until("setting up " + options.pulsar.topic() + " through the Pulsar admin API at "
                + options.pulsar.adminUrl(), () -> {
                    topicSetup.ensure();
                    return true;
                }, failure -> failure instanceof PulsarUnavailableException && !isStopping());
        if (topicReady.isEmpty()) {
            return Optional.empty();
        }
        PulsarEventLogSettings.Access access = options.standby
                ? PulsarEventLogSettings.Access.WAIT_FOR_EXCLUSIVE : PulsarEventLogSettings.Access.EXCLUSIVE;
        PulsarEventLogSettings logSettings = PulsarEventLogSettings.defaults().withTopic(options.pulsar.topic())
                .withAccess(access, options.standby ? STANDBY_WAIT : PulsarEventLogSettings.defaults().createTimeout());
        return waiting.until("taking " + options.pulsar.topic() + " (" + access + ") at " + options.pulsar.url(),
                () -> own(PulsarEventLog.open(pulsar, logSettings)),
                failure -> isPulsarUnreachable(failure, options.standby) && !isStopping());
    }

    private static boolean isPulsarUnreachable(RuntimeException failure, boolean standby) {
        if (!(failure instanceof PulsarUnavailableException) || failure instanceof PulsarWriterFencedException) {
            return false;
        }
        // A standby's producer waits for the running writer by itself; when that wait runs out it
        // exits for its supervisor, as it always did, rather than wait another hour.
        return !(standby && failure.getCause() instanceof TimeoutException);
    }

    /** Creates the writer and serves its use cases over HTTP at once; they answer 503 until it is started. */
    private WalletWriter startHttp(RestApiOptions options, AppendWalletEventsPort log, LoadWalletsPort loader,
            ReadEventLogPort reader, StoredChangesPort stored, ReadHistoryPort history) {
        WriterSettings defaults = WriterSettings.defaults();
        MicrometerWriterMetrics writerMetrics = new MicrometerWriterMetrics(metrics.registry());
        WalletWriter created = new WalletWriter(log, loader, reader, stored, PostgresDatabase.TIMESTAMP_CLOCK,
                UUID::randomUUID, new WriterSettings(defaults.maxInFlightPerWallet(), defaults.maxInFlightTotal(),
                        defaults.recoveryRetryMin(), defaults.recoveryRetryMax(), defaults.drainTimeout(),
                        options.rememberedChanges, defaults.forgetInterval(), options.maxWallets), writerMetrics);
        writerMetrics.observe(created);
        HttpSettings plain = HttpSettings.defaults(options.host, options.port)
                .withWriteTimeout(Duration.ofMillis(options.writeTimeoutMillis))
                .withSlowClientLimits(Duration.ofMillis(options.idleTimeoutMillis), options.minRequestBytesPerSecond)
                .withMaxConnections(options.maxConnections);
        if (options.rateLimitPerSecond > 0) {
            plain = plain.withRateLimit(RateLimit.perSecond(options.rateLimitPerSecond,
                    options.rateLimitBurst > 0 ? options.rateLimitBurst : options.rateLimitPerSecond));
        }
        Javalin server = new JavalinWalletApi(options.tls.settings().map(plain::withTls).orElse(plain), authentication,
                WalletServices.over(created, history), new HttpMetrics(metrics.registry(), metrics::scrape)).create();
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("stopped while starting");
            }
            writer = created;
            http = server;
            http.start();
        }
        LOG.info("wallet REST API listening on {}:{} ({}, {}); answering 503 until the wallets are loaded",
                options.host, server.port(), options.tls.keyStore == null ? "HTTP" : "HTTPS",
                authentication.checksTokens() ? "bearer tokens from " + options.auth.tokensFile : "NOBODY CHECKED");
        return created;
    }

    /** Keeps a resource for {@link #close()}; one created while stopping is closed at once. */
    private synchronized <T extends AutoCloseable> T own(T resource) {
        if (stopped) {
            closeQuietly(resource);
            throw new IllegalStateException("stopped while starting");
        }
        resources.push(resource);
        return resource;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception failure) {
            LOG.warn("closing {} failed", resource, failure);
        }
    }
}
