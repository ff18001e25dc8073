package com.acme.wallet.bench;

import com.acme.wallet.adapter.http.HttpSettings;
import com.acme.wallet.adapter.http.WalletApiJson;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.InvalidInputException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Objects;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Javalin server with the wallet service's change routes and nothing behind them but a
 * {@link ChangeHandler}: the frame both ceilings share.
 *
 * <p>For a fair comparison it is set up like the service's {@code JavalinWalletApi}: the same
 * Jetty thread pool ({@link HttpSettings#defaults}: 200 threads at most, 8 at least, 60 s idle),
 * the same body limit and graceful stop, the body read before routing, and the service's own code
 * for the JSON: the same strict mapper and the same parsing and validation of a change
 * ({@link WalletApiJson}, which the service's routes call). Refusals are the ceilings' own short
 * bodies. It binds {@value #LOOPBACK} only.
 */
public final class CeilingServer implements AutoCloseable {

    /** The address every ceiling binds: benchmark traffic stays on this machine. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(CeilingServer.class);
    private static final int MIN_THREADS = 8;
    private static final int THREAD_IDLE_TIMEOUT_MS = 60_000;

    /** What a ceiling does with a valid change: answer it on the context, at once or asynchronously. */
    @FunctionalInterface
    public interface ChangeHandler {
        /**
         * Answers a valid change.
         *
         * @param ctx the request's context
         * @param request the parsed request
         */
        void handle(Context ctx, ChangeRequest request);
    }

    private final Javalin app;

    private CeilingServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts a ceiling on {@value #LOOPBACK}.
     *
     * @param port the port, 0 for any free one
     * @param json the service's JSON: how bodies are read and replies written
     * @param handler what a valid change does
     * @return the listening server
     * @throws IllegalArgumentException if the port is out of range
     */
    public static CeilingServer start(int port, WalletApiJson json, ChangeHandler handler) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(handler, "handler");
        HttpSettings service = HttpSettings.defaults(LOOPBACK, port);
        Javalin app = Javalin.create(config -> configure(config, service, json, handler));
        app.start();
        return new CeilingServer(app);
    }

    /** {@return the port the server listens on; the chosen one if it was started on 0} */
    public int port() {
        return app.port();
    }

    /** Stops taking requests, waits for those in flight (up to the service's stop timeout) and stops. */
    @Override
    public void close() {
        app.stop();
    }

    private static void configure(JavalinConfig config, HttpSettings service, WalletApiJson json,
            ChangeHandler handler) {
        config.startup.showJavalinBanner = false;
        config.jsonMapper(json.javalinMapper());
        config.http.maxRequestSize = service.maxRequestBytes();
        config.http.prefer405over404 = true;
        // Replies are a few hundred bytes: compressing them gains nothing, and Javalin's compression
        // wrapper inspected the headers of every response (profiled: a fifth of the reply thread's time).
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.jetty.host = service.host();
        config.jetty.port = service.port();
        config.jetty.threadPool = new QueuedThreadPool(service.maxThreads(), MIN_THREADS, THREAD_IDLE_TIMEOUT_MS);
        config.jetty.modifyServer(server -> {
            server.insertHandler(new GracefulHandler());
            server.setStopTimeout(service.stopTimeout().toMillis());
        });

        config.routes.before(ctx -> ctx.bodyAsBytes());
        config.routes.get("/health", ctx -> ctx.status(200).json(CeilingReplies.UP));
        config.routes.post("/add-funds/{userId}", ctx -> change(ctx, FundsOperation.ADD, json, handler));
        config.routes.post("/remove-funds/{userId}", ctx -> change(ctx, FundsOperation.REMOVE, json, handler));

        config.routes.exception(InvalidInputException.class,
                (failure, ctx) -> ctx.status(400).json(CeilingReplies.invalid(failure.getMessage())));
        config.routes.exception(Exception.class, (failure, ctx) -> {
            LOG.error("unexpected failure serving {} {}", ctx.method().name(), ctx.path(), failure);
            ctx.status(500).json(CeilingReplies.INTERNAL_ERROR);
        });
    }

    private static void change(Context ctx, FundsOperation operation, WalletApiJson json, ChangeHandler handler) {
        ChangeFundsCommand command = json.changeFunds(ctx.pathParam("userId"), ctx.bodyAsBytes(), Caller.ANONYMOUS);
        handler.handle(ctx, new ChangeRequest(operation, command));
    }
}
