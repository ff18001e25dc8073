package com.acme.wallet.app.restapi;

import com.acme.wallet.adapter.http.HttpSettings;
import com.acme.wallet.adapter.http.JavalinWalletApi;
import com.acme.wallet.adapter.postgres.JdbiWalletSnapshots;
import com.acme.wallet.adapter.postgres.PostgresDatabase;
import com.acme.wallet.adapter.postgres.PostgresSettings;
import com.acme.wallet.adapter.pulsar.PulsarConnection;
import com.acme.wallet.adapter.pulsar.PulsarConnectionSettings;
import com.acme.wallet.adapter.pulsar.PulsarEventLog;
import com.acme.wallet.adapter.pulsar.PulsarEventLogSettings;
import com.acme.wallet.adapter.pulsar.PulsarLogReader;
import com.acme.wallet.adapter.pulsar.PulsarLogReaderSettings;
import com.acme.wallet.adapter.pulsar.PulsarTopicSetup;
import com.acme.wallet.adapter.pulsar.PulsarTopicSetupSettings;
import com.acme.wallet.application.LedgerSettings;
import com.acme.wallet.application.SnapshotAndLogLoader;
import com.acme.wallet.application.WalletLedger;
import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.domain.port.AppendWalletEventsPort;
import com.acme.wallet.domain.port.LoadWalletsPort;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API, wired with plain constructors: the HTTP adapter over the wallet ledger over the
 * configured event log.
 *
 * <p>Startup order matters for money: the exclusive producer is taken first, so no other writer can
 * append once this one reads the log; then the HTTP server answers 503 while the PostgreSQL
 * snapshot and the rest of the log are loaded; then writes are taken.
 */
final class RestApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    /**
     * How long a standby waits for the running writer to go away: the longest producer creation the
     * Pulsar adapter allows. Then it exits with status 1, for its supervisor to start it again.
     */
    private static final Duration STANDBY_WAIT = Duration.ofHours(1);


    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Javalin http;
    private boolean stopped;

    private RestApi() {}

    /**
     * Wires and starts the API.
     *
     * @param options the configuration
     * @return the running API
     * @throws RuntimeException if a part cannot start; what had started is closed again
     */
    static RestApi start(RestApiOptions options) {
        RestApi api = new RestApi();
        try {
            api.startParts(options);
            return api;
        } catch (RuntimeException failure) {
            api.close();
            throw failure;
        }
    }

    /** {@return the port the API listens on} */
    int port() {
        return http.port();
    }

    /**
     * Stops in order: no new requests, requests in flight finished, changes in flight confirmed,
     * then the log and the database closed. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping: finishing requests in flight");
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception failure) {
                LOG.warn("closing {} failed", resource, failure);
            }
        }
        LOG.info("stopped");
    }

    private void startParts(RestApiOptions options) {
        AppendWalletEventsPort log;
        LoadWalletsPort loader;
        if (options.log == RestApiOptions.LogKind.memory) {
            LOG.warn("*** WALLET_LOG=memory: balances live in this process only and are LOST when it stops. "
                    + "Not for real money. ***");
            InMemoryEventLog memory = new InMemoryEventLog();
            log = memory;
            loader = memory;
        } else {
            PulsarConnection pulsar = own(PulsarConnection.open(PulsarConnectionSettings.defaults(options.pulsarUrl)));
            // Retention, and the batch consumer's subscription, exist before the first append, so the
            // log is kept until persisted and can be read back from the snapshot's positions.
            new PulsarTopicSetup(PulsarTopicSetupSettings.defaults(options.pulsarAdminUrl)
                    .withTopic(options.topic, options.subscription)).ensure();
            log = own(PulsarEventLog.open(pulsar, PulsarEventLogSettings.defaults().withTopic(options.topic)
                    .withAccess(options.standby ? PulsarEventLogSettings.Access.WAIT_FOR_EXCLUSIVE
                            : PulsarEventLogSettings.Access.EXCLUSIVE,
                            options.standby ? STANDBY_WAIT : PulsarEventLogSettings.defaults().createTimeout())));
            PostgresDatabase database = own(PostgresDatabase.open(
                    PostgresSettings.of(options.databaseUrl, options.databaseUser, options.databasePassword)));
            loader = new SnapshotAndLogLoader(new JdbiWalletSnapshots(database.jdbi()),
                    new PulsarLogReader(pulsar, PulsarLogReaderSettings.defaults().withTopic(options.topic)));
        }
        WalletLedger ledger = own(new WalletLedger(log, loader, PostgresDatabase.TIMESTAMP_CLOCK, UUID::randomUUID,
                LedgerSettings.defaults()));
        http = new JavalinWalletApi(HttpSettings.defaults(options.host, options.port)
                .withWriteTimeout(Duration.ofMillis(options.writeTimeoutMillis))
                .withSlowClientLimits(Duration.ofMillis(options.idleTimeoutMillis), options.minRequestBytesPerSecond),
                ledger, ledger, ledger, ledger, ledger).create();
        http.start();
        resources.push(http::stop);
        LOG.info("wallet REST API listening on {}:{}; loading wallets", options.host, http.port());
        ledger.start();
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }
}
