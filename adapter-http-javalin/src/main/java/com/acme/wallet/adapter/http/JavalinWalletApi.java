package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.in.AddFundsUseCase;
import com.acme.wallet.application.port.in.BalanceAtQuery;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.application.port.in.FindTransactionQuery;
import com.acme.wallet.application.port.in.FindTransactionUseCase;
import com.acme.wallet.application.port.in.GetBalanceAtUseCase;
import com.acme.wallet.application.port.in.GetHistoryUseCase;
import com.acme.wallet.application.port.in.GetRoundUseCase;
import com.acme.wallet.application.port.in.GetWalletUseCase;
import com.acme.wallet.application.port.in.HistoryQuery;
import com.acme.wallet.application.port.in.OpenWalletCommand;
import com.acme.wallet.application.port.in.OpenWalletUseCase;
import com.acme.wallet.application.port.in.PayWinUseCase;
import com.acme.wallet.application.port.in.PlaceBetUseCase;
import com.acme.wallet.application.port.in.RemoveFundsUseCase;
import com.acme.wallet.application.port.in.RollBackUseCase;
import com.acme.wallet.application.port.in.RoundQuery;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WalletLimitReachedException;
import com.acme.wallet.application.port.in.WalletUseCases;
import com.acme.wallet.application.port.in.WriterReadiness;
import com.acme.wallet.application.port.out.history.HistoryFilter;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed-compatible HTTP API: {@code /health} (ready for writes), {@code /health/live} (the
 * process answers), {@code /wallet/{userId}},
 * {@code /add-funds/{userId}} and {@code /remove-funds/{userId}}; the betting contract
 * {@code /bet/{userId}}, {@code /win/{userId}} and {@code /rollback/{userId}}; and
 * {@code /wallet/{userId}/transactions/{reference}} to resolve an unknown outcome; and the stored
 * history: {@code /wallet/{userId}/transactions} (pages), {@code /wallet/{userId}?at=...} or
 * {@code ?atSequence=...} (past balances) and {@code /wallet/{userId}/rounds/{roundId}}; and their
 * contract, {@code /openapi.json}: an OpenAPI 3.1 document kept in this module's resources.
 *
 * <p>Receives the use cases and returns a configured, not yet started Javalin app. Every answer is
 * JSON with a stable error code, no stack trace or internal detail ever reaches a client, and
 * {@link Javalin#stop()} waits for requests in flight before it returns.
 */
public final class JavalinWalletApi {

    /** Connections the kernel may queue before the server accepts them (capped by net.core.somaxconn). */
    static final int ACCEPT_QUEUE_SIZE = 1_024;

    private static final Logger LOG = LoggerFactory.getLogger(JavalinWalletApi.class);

    private static final Set<String> HISTORY_PARAMETERS =
            Set.of("limit", "order", "types", "roundId", "from", "to", "cursor", "minSequence");

    private final HttpSettings settings;
    private final Authentication authentication;
    private final OpenWalletUseCase openWallet;
    private final GetWalletUseCase getWallet;
    private final AddFundsUseCase addFunds;
    private final RemoveFundsUseCase removeFunds;
    private final PlaceBetUseCase placeBet;
    private final PayWinUseCase payWin;
    private final RollBackUseCase rollBack;
    private final FindTransactionUseCase findTransaction;
    private final GetHistoryUseCase getHistory;
    private final GetBalanceAtUseCase getBalanceAt;
    private final GetRoundUseCase getRound;
    private final WriterReadiness readiness;
    private final Optional<HttpMetrics> metrics;
    private final WalletApiJson json = new WalletApiJson();
    private final OpenApiDocument contract = OpenApiDocument.load(json.mapper());

    /**
     * Creates the API over the use cases.
     *
     * @param settings where to listen and the limits
     * @param authentication who may call which route
     * @param useCases what it serves, and whether the service takes writes
     */
    public JavalinWalletApi(HttpSettings settings, Authentication authentication, WalletUseCases useCases) {
        this(settings, authentication, useCases, Optional.empty());
    }

    /**
     * Creates the API over the use cases, measured: every request is timed into the registry, and
     * {@code GET /metrics} answers the scrape.
     *
     * @param settings where to listen and the limits
     * @param authentication who may call which route
     * @param useCases what it serves, and whether the service takes writes
     * @param metrics the registry and the scrape
     */
    public JavalinWalletApi(HttpSettings settings, Authentication authentication, WalletUseCases useCases,
            HttpMetrics metrics) {
        this(settings, authentication, useCases, Optional.of(metrics));
    }

    private JavalinWalletApi(HttpSettings settings, Authentication authentication, WalletUseCases useCases,
            Optional<HttpMetrics> metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.openWallet = useCases.openWallet();
        this.getWallet = useCases.getWallet();
        this.addFunds = useCases.addFunds();
        this.removeFunds = useCases.removeFunds();
        this.placeBet = useCases.placeBet();
        this.payWin = useCases.payWin();
        this.rollBack = useCases.rollBack();
        this.findTransaction = useCases.findTransaction();
        this.getHistory = useCases.getHistory();
        this.getBalanceAt = useCases.getBalanceAt();
        this.getRound = useCases.getRound();
        this.readiness = useCases.readiness();
    }

    /** {@return the configured app; call {@code start()} on it to listen} */
    public Javalin create() {
        QueuedThreadPool requestThreads = new QueuedThreadPool(settings.maxThreads(), 8, 60_000);
        return Javalin.create(config -> configure(config, requestThreads));
    }

    private void configure(JavalinConfig config, QueuedThreadPool requestThreads) {
        config.startup.showJavalinBanner = false;
        config.jsonMapper(json.javalinMapper());
        config.http.maxRequestSize = settings.maxRequestBytes();
        config.http.prefer405over404 = true;
        // Replies are a few hundred bytes: compressing them gains nothing, and Javalin's compression
        // wrapper inspected the headers of every response (profiled: a fifth of the reply thread's time).
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.jetty.threadPool = requestThreads;
        // Slow clients: a body trickled below the minimum rate answers 408; a connection that reads
        // or writes nothing for the idle timeout (a stalled body, a client that never reads its
        // replies) is closed, which gives its request thread back.
        config.jetty.modifyHttpConfiguration(http -> {
            http.setMinRequestDataRate(settings.minRequestBytesPerSecond());
            // Jetty caches the header fields a connection sent before and, by default, matches a new
            // field against that cache ignoring case: "Bearer TOKEN" then reads as the "Bearer token"
            // sent earlier on the connection (found by AuthenticationTest). A token is case-sensitive.
            http.setHeaderCacheCaseSensitive(true);
        });
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = settings.tls().isPresent()
                    ? new ServerConnector(server, tlsOver(settings.tls().get(), http), new HttpConnectionFactory(http))
                    : new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            connector.setIdleTimeout(settings.idleTimeout().toMillis());
            // Jetty's default leaves the JVM's backlog of 50: a burst of new connections (clients
            // reconnecting together after an outage) would then see refused or stalled connects.
            connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
            // At the limit Jetty stops accepting until a connection closes: the others wait in that queue.
            server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
            return connector;
        });
        config.jetty.modifyServer(server -> {
            // Jetty 12 stops gracefully only with this handler: stop() then waits for requests in flight.
            server.insertHandler(new GracefulHandler());
            server.insertHandler(new FirstRequestAlone());
            server.setStopTimeout(settings.stopTimeout().toMillis());
            // Requests Jetty refuses before routing are answered in JSON too, not with its HTML page.
            server.setErrorHandler(new JettyErrorReplies(json.mapper()));
        });

        // First, so that every request has its id, also one refused by the before-handler below.
        RequestLog.install(config);
        // Every body is read, and its size checked, before any route or refusal answers. A refusal
        // that leaves a body over Jetty's drain limit unread closes the connection under the client's
        // upload, and the client then sees a reset instead of the answer (found by BadInputFuzzTest).
        config.routes.before(ctx -> ctx.bodyAsBytes());
        config.routes.before(JavalinWalletApi::refuseHead);
        // Once a route matched, so that an unknown path or method still answers 404 or 405; the
        // caller first, so that nothing about a request is answered to someone not allowed to make it.
        config.routes.beforeMatched(authentication::check);
        RateLimit.bucketsOf(settings.rateLimit()).ifPresent(buckets -> config.routes.beforeMatched(buckets::take));
        config.routes.beforeMatched(JavalinWalletApi::requireJsonBody);
        config.routes.get("/health", this::health, Public.ANYONE);
        config.routes.get("/health/live", ctx -> ctx.status(200).contentType("text/plain").result("OK"),
                Public.ANYONE);
        config.routes.get(OpenApiDocument.PATH, contract::answer, Public.ANYONE);
        metrics.ifPresent(measured -> measure(config, measured, requestThreads));
        config.routes.post("/wallet/{userId}", ctx -> openWallet(ctx, requestThreads), Scope.OPEN);
        config.routes.get("/wallet/{userId}", this::getWallet, Scope.READ);
        config.routes.get("/wallet/{userId}/transactions/{reference}", this::findTransaction, Scope.READ);
        config.routes.get("/wallet/{userId}/transactions", this::history, Scope.READ);
        config.routes.get("/wallet/{userId}/rounds/{roundId}", this::round, Scope.READ);
        config.routes.post("/add-funds/{userId}", ctx -> changeFunds(ctx, requestThreads, addFunds::addFunds),
                Scope.WRITE);
        config.routes.post("/remove-funds/{userId}",
                ctx -> changeFunds(ctx, requestThreads, removeFunds::removeFunds), Scope.WRITE);
        config.routes.post("/bet/{userId}", ctx -> reply(ctx, requestThreads,
                placeBet.placeBet(json.bet(ctx.pathParam("userId"), ctx.bodyAsBytes(), Authentication.callerOf(ctx))),
                outcome -> Replies.betting(ctx, outcome)), Scope.WRITE);
        config.routes.post("/win/{userId}", ctx -> reply(ctx, requestThreads,
                payWin.payWin(json.win(ctx.pathParam("userId"), ctx.bodyAsBytes(), Authentication.callerOf(ctx))),
                outcome -> Replies.betting(ctx, outcome)), Scope.WRITE);
        config.routes.post("/rollback/{userId}", ctx -> reply(ctx, requestThreads,
                rollBack.rollBack(json.rollback(ctx.pathParam("userId"), ctx.bodyAsBytes(),
                        Authentication.callerOf(ctx))),
                outcome -> Replies.betting(ctx, outcome)), Scope.WRITE);

        config.routes.exception(Refusal.class, (refusal, ctx) -> {
            refusal.headers().forEach(ctx::header);
            Replies.error(ctx, refusal.code(), refusal.getMessage());
        });
        config.routes.exception(InvalidInputException.class,
                (failure, ctx) -> Replies.error(ctx, ErrorCode.INVALID_REQUEST, failure.getMessage()));
        // Javalin decodes path parameters before any handler runs and throws this for a malformed
        // percent-escape such as "%Wy" (found by BadInputFuzzTest): the client's fault, not ours.
        config.routes.exception(IllegalArgumentException.class, (failure, ctx) -> {
            LOG.debug("refused {} {}: {}", ctx.method().name(), ctx.path(), failure.getMessage());
            Replies.error(ctx, ErrorCode.INVALID_REQUEST, "malformed request path");
        });
        config.routes.exception(TemporarilyUnavailableException.class,
                (failure, ctx) -> Replies.error(ctx, ErrorCode.UNAVAILABLE, failure.getMessage()));
        config.routes.exception(WalletLimitReachedException.class,
                (failure, ctx) -> Replies.error(ctx, ErrorCode.WALLET_LIMIT_REACHED, failure.getMessage()));
        config.routes.exception(TimeoutException.class, (failure, ctx) -> Replies.error(ctx, ErrorCode.UNAVAILABLE,
                "the change was not confirmed in time; retry with the same reference"));
        config.routes.exception(HttpResponseException.class, this::frameworkError);
        // Jetty refuses a body that arrives below the minimum data rate from inside the body read.
        config.routes.exception(BadMessageException.class, (failure, ctx) -> Replies.error(ctx,
                ErrorCode.forStatus(failure.getCode()), "the HTTP request was refused: " + failure.getReason()));
        config.routes.exception(Exception.class, (failure, ctx) -> {
            LOG.error("unexpected failure serving {} {}", ctx.method().name(), ctx.path(), failure);
            Replies.error(ctx, ErrorCode.INTERNAL_ERROR, "internal error");
        });
    }

    /**
     * TLS 1.2 or 1.3 in front of HTTP/1.1, with the certificate of the settings; the request then
     * knows it came over HTTPS. Jetty's defaults leave out the protocols and cipher suites known weak.
     */
    private static SslConnectionFactory tlsOver(TlsSettings tls, HttpConfiguration http) {
        SslContextFactory.Server certificate = new SslContextFactory.Server();
        certificate.setKeyStore(tls.load());
        certificate.setKeyStorePassword(tls.password());
        certificate.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        http.addCustomizer(new SecureRequestCustomizer());
        return new SslConnectionFactory(certificate, HttpVersion.HTTP_1_1.asString());
    }

    /**
     * Times every routed request, gauges the request threads ({@code jetty_threads_*}: busy, idle,
     * current and configured threads, and jobs queued for one), and serves the scrape at
     * {@code GET /metrics}: a read of the registry that never touches the writer, so none of the
     * write path's limits applies to it.
     */
    private static void measure(JavalinConfig config, HttpMetrics metrics, QueuedThreadPool requestThreads) {
        new JettyServerThreadPoolMetrics(requestThreads, List.of()).bindTo(metrics.registry());
        RequestTimers timers = new RequestTimers(metrics.registry());
        config.requestLogger.http(timers::record);
        config.routes.get("/metrics", ctx -> ctx.status(200).contentType(HttpMetrics.PROMETHEUS_TEXT)
                .result(metrics.scrape().get()), Scope.ADMIN);
    }

    /**
     * Refuses HEAD with 405. Javalin answers HEAD on a GET route with 200 and no body without running
     * the route, so {@code HEAD /health} would answer 200 while the service is not ready, and a HEAD
     * of an unknown wallet 200 too: an answer that lies is worse than none.
     */
    private static void refuseHead(Context ctx) {
        if (ctx.method() == HandlerType.HEAD) {
            throw new Refusal(ErrorCode.METHOD_NOT_ALLOWED, "HEAD is not supported; use GET");
        }
    }

    /**
     * Refuses a write whose body is not declared JSON, with 415. A browser sends a cross-site POST
     * without asking the server first only with a "simple" content type (a form, {@code text/plain}):
     * requiring {@code application/json} makes a page's script ask first (a CORS preflight), which this
     * API never allows, so no web page can move money with a player's browser. A POST without a body
     * (the seed's way to open a wallet at 0) declares nothing and moves no money: it is let through.
     */
    private static void requireJsonBody(Context ctx) {
        if (ctx.method() == HandlerType.POST && ctx.bodyAsBytes().length > 0 && !isJson(ctx.contentType())) {
            throw new Refusal(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "a request body must be sent with Content-Type: application/json");
        }
    }

    /** {@return whether the media type is application/json, whatever its parameters (a charset)} */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private void health(Context ctx) {
        if (readiness.readyForWrites()) {
            ctx.status(200).contentType("text/plain").result("OK");
        } else {
            Replies.error(ctx, ErrorCode.UNAVAILABLE, "not ready to take writes");
        }
    }

    private void openWallet(Context ctx, Executor replyThreads) {
        OpenWalletCommand command = json.openWallet(ctx.pathParam("userId"), ctx.bodyAsBytes(),
                Authentication.callerOf(ctx));
        reply(ctx, replyThreads, openWallet.open(command), outcome -> Replies.opened(ctx, outcome));
    }

    /**
     * The balance now, from the writer's memory, exactly as the seed answers it; or, with {@code at}
     * or {@code atSequence}, a balance of the past, from the stored history.
     */
    private void getWallet(Context ctx) {
        WalletId walletId = WalletId.of(ctx.pathParam("userId"));
        String queryString = ctx.queryString();
        if (queryString != null && !queryString.isEmpty()) {
            balanceAt(ctx, walletId);
            return;
        }
        getWallet.find(walletId).ifPresentOrElse(
                wallet -> ctx.json(new Bodies.WalletResponse(walletId.value(), wallet.balanceCents())),
                () -> Replies.error(ctx, ErrorCode.WALLET_NOT_FOUND, "wallet " + walletId + " not found"));
    }

    private void balanceAt(Context ctx, WalletId walletId) {
        QueryParameters query = QueryParameters.of(ctx, Set.of("at", "atSequence", "minSequence"));
        OptionalLong atSequence = query.sequence("atSequence");
        Optional<Instant> at = query.instant("at");
        if (atSequence.isPresent() == at.isPresent()) {
            throw new InvalidInputException(atSequence.isPresent() ? "give at or atSequence, not both"
                    : "a past balance needs at or atSequence; without query parameters the balance now is read");
        }
        BalanceAtQuery.PastPoint point = at.isPresent() ? new BalanceAtQuery.AtInstant(at.get())
                : new BalanceAtQuery.AtSequence(atSequence.getAsLong());
        Replies.balanceAt(ctx, getBalanceAt.balanceAt(
                new BalanceAtQuery(walletId, point, query.sequence("minSequence").orElse(0))));
    }

    private void history(Context ctx) {
        WalletId walletId = WalletId.of(ctx.pathParam("userId"));
        QueryParameters query = QueryParameters.of(ctx, HISTORY_PARAMETERS);
        HistoryFilter filter = new HistoryFilter(query.types("types"),
                query.text("roundId").map(RoundId::of), query.instant("from"), query.instant("to"));
        Replies.history(ctx, getHistory.history(new HistoryQuery(walletId, filter,
                query.order("order").orElse(HistoryQuery.DEFAULT_ORDER),
                query.integer("limit", 1, HistoryQuery.MAX_LIMIT).orElse(HistoryQuery.DEFAULT_LIMIT),
                query.text("cursor"), query.sequence("minSequence").orElse(0))));
    }

    private void round(Context ctx) {
        WalletId walletId = WalletId.of(ctx.pathParam("userId"));
        RoundId roundId = RoundId.of(ctx.pathParam("roundId"));
        QueryParameters query = QueryParameters.of(ctx, Set.of("minSequence"));
        Replies.round(ctx, getRound.round(new RoundQuery(walletId, roundId, query.sequence("minSequence").orElse(0))));
    }

    private void findTransaction(Context ctx) {
        FindTransactionQuery query = new FindTransactionQuery(
                WalletId.of(ctx.pathParam("userId")), Reference.of(ctx.pathParam("reference")));
        Replies.lookedUp(ctx, findTransaction.findTransaction(query));
    }

    private void changeFunds(Context ctx, Executor replyThreads,
            Function<ChangeFundsCommand, CompletionStage<ChangeOutcome>> useCase) {
        ChangeFundsCommand command = json.changeFunds(ctx.pathParam("userId"), ctx.bodyAsBytes(),
                Authentication.callerOf(ctx));
        reply(ctx, replyThreads, useCase.apply(command), outcome -> json.answerChange(ctx, outcome));
    }

    /**
     * Answers once the outcome is known, or with 503 once the write timeout has passed, writing the
     * reply on one of Jetty's request threads.
     *
     * <p>Javalin serialises and writes an async reply on whichever thread completes the future. Left
     * alone that is the thread that confirmed the append (in production the Pulsar client's one
     * completion thread) or, for a timeout, the JDK's one delayer thread, so every reply's work would
     * queue on one thread, and a write that the TCP buffers of a client that never reads cannot take
     * would stall every confirmation behind it. (With Jetty 12.1 a reply that fits Jetty's output
     * buffer, as all of this API's do, is flushed without blocking, as SlowReaderTest found; a larger
     * one is written with a blocking write.) {@code whenCompleteAsync} moves success and failure alike
     * to Jetty's pool; a plain {@code thenAcceptAsync} would pass a failure on on the completing thread.
     *
     * <p>Why Jetty's pool and not an executor of the adapter: Jetty serves the requests of one HTTP/1.1
     * connection one after another, so a client that never reads holds at most one thread per
     * connection, and only until the idle timeout fails its blocked write. That is the cost a slow
     * synchronous reply already has, counted against the same {@code maxThreads} that bound the
     * requests served at once; a small pool of our own would be stalled by as few slow clients as it
     * has threads. Its queue never holds more than one reply per request in flight.
     */
    private <O> void reply(Context ctx, Executor replyThreads, CompletionStage<O> outcome, Consumer<O> answer) {
        CompletableFuture<O> onReplyThread = outcome.toCompletableFuture().copy()
                .orTimeout(settings.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((ignoredOutcome, ignoredFailure) -> { }, replyThreads);
        ctx.future(() -> onReplyThread.thenAccept(answer));
    }

    private void frameworkError(HttpResponseException failure, Context ctx) {
        ErrorCode code = ErrorCode.forStatus(failure.getStatus());
        String message = switch (code) {
            case NOT_FOUND -> "no such route: " + ctx.method().name() + " " + ctx.path();
            case METHOD_NOT_ALLOWED -> "method not allowed on " + ctx.path();
            case PAYLOAD_TOO_LARGE -> "request body larger than " + settings.maxRequestBytes() + " bytes";
            case UNAVAILABLE -> "temporarily unavailable; retry shortly";
            case INTERNAL_ERROR -> "internal error";
            default -> "invalid request";
        };
        if (code == ErrorCode.INTERNAL_ERROR) {
            LOG.error("framework failure {} serving {} {}", failure.getStatus(), ctx.method().name(), ctx.path(),
                    failure);
        }
        Replies.error(ctx, code, message);
    }
}
