package com.acme.wallet.adapter.http;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.WriterSettings;
import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.inmemory.InMemoryStoredChanges;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.WalletUseCases;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;
import com.acme.wallet.application.service.WalletServices;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP API started for real on a free port of 127.0.0.1, over a real {@link WalletWriter} and the use-case services; a
 * test builds one in {@code @BeforeEach} and closes it in {@code @AfterEach}.
 */
final class RunningApi implements AutoCloseable {

    /** The HTTP settings with a short write timeout, so that timeout tests are quick. */
    static final HttpSettings SHORT_WRITE_TIMEOUT =
            HttpSettings.defaults("127.0.0.1", 0).withWriteTimeout(Duration.ofMillis(300));

    /** The token {@link ApiClient} sends, which {@link #EVERY_SCOPE} lists with every scope. */
    static final String TOKEN = "test-token-with-every-scope";

    /** The caller whose token is {@link #TOKEN}. */
    static final String TOKEN_NAME = "tester";

    /** Authentication by one token, {@link #TOKEN}, with every scope. */
    static final Authentication EVERY_SCOPE = Authentication.byTokens(() -> tokens(
            ApiTokens.line(new Caller(TOKEN_NAME), EnumSet.allOf(Scope.class), TOKEN)));

    private final WalletWriter writer;
    private final Javalin app;
    private final ApiClient client;

    private RunningApi(WalletWriter writer, Javalin app) {
        this.writer = writer;
        this.app = app;
        this.client = new ApiClient(app.port());
    }

    /**
     * {@return the API over a started writer on the in-memory log, with the default settings; its
     *     stored history is the log's, as the REST API's over the in-memory log}
     */
    static RunningApi overInMemoryLog() {
        InMemoryEventLog log = new InMemoryEventLog();
        return start(HttpSettings.defaults("127.0.0.1", 0), log, log, log, new InMemoryWalletHistory(log::events),
                true);
    }

    /** {@return the API over a started writer on this log, with a stored history that holds nothing} */
    static <L extends AppendWalletEventsPort & LoadWalletsPort & ReadEventLogPort> RunningApi over(L log,
            HttpSettings settings) {
        return start(settings, log, log, log, new InMemoryWalletHistory(List::of), true);
    }

    /** {@return the API over a started writer on this log, with this stored history} */
    static RunningApi over(InMemoryEventLog log, ReadHistoryPort history) {
        return over(log, history, Authentication.none());
    }

    /**
     * {@return the API over a started writer on this log, with this stored history, checking callers so,
     *     and measured into a registry of its own}
     */
    static <L extends AppendWalletEventsPort & LoadWalletsPort & ReadEventLogPort> RunningApi over(L log,
            ReadHistoryPort history, Authentication authentication) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return start(HttpSettings.defaults("127.0.0.1", 0), log, log, log, history, true,
                Optional.of(new HttpMetrics(registry, registry::scrape)), WriterSettings.UNLIMITED_WALLETS,
                authentication);
    }

    /** {@return the API over a started writer on the in-memory log, with these settings, checking callers so} */
    static RunningApi overInMemoryLog(HttpSettings settings, Authentication authentication) {
        InMemoryEventLog log = new InMemoryEventLog();
        return start(settings, log, log, log, new InMemoryWalletHistory(log::events), true, Optional.empty(),
                WriterSettings.UNLIMITED_WALLETS, authentication);
    }

    /** {@return the token file's tokens of these lines} */
    static ApiTokens tokens(String... lines) {
        return ApiTokens.parse(List.of(lines), "test tokens");
    }

    /** {@return the API over a started writer on the in-memory log, with these settings} */
    static RunningApi overInMemoryLog(HttpSettings settings) {
        InMemoryEventLog log = new InMemoryEventLog();
        return start(settings, log, log, log, new InMemoryWalletHistory(log::events), true);
    }

    /** {@return the API over a writer that has not loaded its state yet, as while the service starts} */
    static RunningApi overWriterNotStarted() {
        InMemoryEventLog log = new InMemoryEventLog();
        return start(HttpSettings.defaults("127.0.0.1", 0), log, log, log, new InMemoryWalletHistory(log::events),
                false);
    }

    /** {@return the API over a started writer on the in-memory log, measured into these metrics} */
    static RunningApi overInMemoryLog(HttpMetrics metrics) {
        InMemoryEventLog log = new InMemoryEventLog();
        return start(HttpSettings.defaults("127.0.0.1", 0), log, log, log, new InMemoryWalletHistory(log::events),
                true, Optional.of(metrics));
    }

    /** {@return the API over a started writer on the in-memory log that holds at most this many wallets} */
    static RunningApi overInMemoryLogWithMaxWallets(int maxWallets) {
        InMemoryEventLog log = new InMemoryEventLog();
        return start(HttpSettings.defaults("127.0.0.1", 0), log, log, log, new InMemoryWalletHistory(log::events),
                true, Optional.empty(), maxWallets, Authentication.none());
    }

    private static RunningApi start(HttpSettings settings, AppendWalletEventsPort log, LoadWalletsPort loader,
            ReadEventLogPort reader, ReadHistoryPort history, boolean startWriter) {
        return start(settings, log, loader, reader, history, startWriter, Optional.empty());
    }

    private static RunningApi start(HttpSettings settings, AppendWalletEventsPort log, LoadWalletsPort loader,
            ReadEventLogPort reader, ReadHistoryPort history, boolean startWriter, Optional<HttpMetrics> metrics) {
        return start(settings, log, loader, reader, history, startWriter, metrics, WriterSettings.UNLIMITED_WALLETS,
                Authentication.none());
    }

    private static RunningApi start(HttpSettings settings, AppendWalletEventsPort log, LoadWalletsPort loader,
            ReadEventLogPort reader, ReadHistoryPort history, boolean startWriter, Optional<HttpMetrics> metrics,
            int maxWallets, Authentication authentication) {
        // A short drain: some tests leave changes awaiting a log that never answers.
        WriterSettings writerSettings = new WriterSettings(
                1_000, 10_000, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(200),
                WriterSettings.DEFAULT_REMEMBERED_CHANGES_PER_WALLET, Duration.ofSeconds(1), maxWallets);
        WalletWriter writer = new WalletWriter(log, loader, reader, new InMemoryStoredChanges(), Clock.systemUTC(),
                UUID::randomUUID, writerSettings);
        if (startWriter) {
            writer.start();
        }
        WalletUseCases useCases = WalletServices.over(writer, history);
        Javalin app = metrics.map(measured -> new JavalinWalletApi(settings, authentication, useCases, measured))
                .orElseGet(() -> new JavalinWalletApi(settings, authentication, useCases)).create().start();
        return new RunningApi(writer, app);
    }

    int port() {
        return app.port();
    }

    /** {@return Jetty's pool of request threads, which also writes the replies} */
    org.eclipse.jetty.util.thread.ThreadPool jettyThreads() {
        return app.jettyServer().server().getThreadPool();
    }

    /** {@return every route the app registered, with its method and path template} */
    List<ParsedEndpoint> routes() {
        return app.unsafe.internalRouter.allHttpHandlers();
    }

    ApiClient client() {
        return client;
    }

    WalletWriter writer() {
        return writer;
    }

    /** {@return the server stopping gracefully on another thread, as the service does on shutdown} */
    CompletableFuture<Void> stopInBackground() {
        return CompletableFuture.runAsync(app::stop, runnable -> new Thread(runnable, "stopping-api").start());
    }

    /** {@return whether the server has begun its graceful stop: new requests answer 503 from then on} */
    boolean isShuttingDown() {
        GracefulHandler graceful = app.jettyServer().server().getDescendant(GracefulHandler.class);
        return graceful != null && graceful.isShutdown();
    }

    @Override
    public void close() {
        // Stopping gracefully gives idle keep-alive connections a second to close; the tests' client
        // keeps its connections open, so without this every test would wait that second.
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector closable) {
                closable.setShutdownIdleTimeout(50);
            }
        }
        app.stop();
        writer.close();
    }
}
