package com.acme.wallet.app.restapi;

import com.acme.wallet.adapter.http.HttpSettings;
import com.acme.wallet.adapter.http.JavalinWalletApi;
import com.acme.wallet.application.LedgerSettings;
import com.acme.wallet.application.WalletLedger;
import com.acme.wallet.application.inmemory.InMemoryEventLog;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API, wired with plain constructors: the HTTP adapter over the wallet ledger over the
 * configured event log.
 */
final class RestApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    private final WalletLedger ledger;
    private final Javalin http;
    private boolean stopped;

    private RestApi(WalletLedger ledger, Javalin http) {
        this.ledger = ledger;
        this.http = http;
    }

    /**
     * Wires and starts the API: the HTTP server first (answering 503 until ready), then the ledger
     * loads its state and starts taking writes.
     *
     * @param options the configuration
     * @return the running API
     */
    static RestApi start(RestApiOptions options) {
        InMemoryEventLog log = new InMemoryEventLog();
        LOG.warn("*** WALLET_LOG=memory: balances live in this process only and are LOST when it stops. "
                + "Not for real money. ***");
        WalletLedger ledger = new WalletLedger(log, log, Clock.systemUTC(), UUID::randomUUID, LedgerSettings.defaults());
        Javalin http = new JavalinWalletApi(HttpSettings.defaults(options.host, options.port), ledger, ledger, ledger, ledger).create();
        http.start();
        ledger.start();
        LOG.info("wallet REST API listening on {}:{}", options.host, http.port());
        return new RestApi(ledger, http);
    }

    /** {@return the port the API listens on} */
    int port() {
        return http.port();
    }

    /**
     * Stops in order: no new requests, requests in flight finished, changes in flight confirmed,
     * then the log closed. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping: finishing requests in flight");
        http.stop();
        ledger.close();
        LOG.info("stopped");
    }
}
