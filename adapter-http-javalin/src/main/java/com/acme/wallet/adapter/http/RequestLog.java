package com.acme.wallet.adapter.http;

import com.acme.wallet.domain.WalletId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The request id and the access log: each request gets an id (the client's {@code X-Request-Id} when
 * it is safe to log, else a new UUID), answered in the same header and held in the MDC while the
 * request's thread serves it, so that the lines logged meanwhile carry it; and once answered, one
 * line on the logger {@value #ACCESS_LOGGER}: method, route template, status, time taken, wallet and
 * the authenticated caller's name.
 *
 * <p>Lines logged on other threads (the writer's, the log's completion thread) do not carry the id.
 * A Jetty handler removes it from the MDC whenever a request's thread leaves the request, async or
 * not, so that no id is left on a pooled thread for whatever it runs next.
 */
final class RequestLog {

    /** The request and response header of the request id. */
    static final String HEADER = "X-Request-Id";
    /** The MDC key of the request id. */
    static final String MDC_KEY = "requestId";
    /** The access log's logger, apart from the code's loggers so that it can be turned off or routed. */
    static final String ACCESS_LOGGER = "wallet.access";
    /** The longest request id taken from a client; a longer one is replaced. */
    static final int MAX_ID_LENGTH = 128;

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_ID_LENGTH + "}");
    private static final String ID_ATTRIBUTE = RequestLog.class.getName() + ".id";
    private static final String STARTED_ATTRIBUTE = RequestLog.class.getName() + ".startedNanos";
    private static final String NONE = "-";
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);

    private RequestLog() {}

    /**
     * Adds the request id and the access log to the app. Call it before any other before-handler is
     * declared, so that a request they refuse (a body too large) has an id too.
     */
    static void install(JavalinConfig config) {
        config.jetty.modifyServer(server -> server.insertHandler(new ForgetRequestId()));
        config.routes.before(RequestLog::begin);
        config.routes.after(RequestLog::end);
    }

    /** {@return the client's id if it is 1 to 128 characters of A-Z a-z 0-9 . _ : -, else a new one} */
    static String idFor(String given) {
        return given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    private static void begin(Context ctx) {
        String id = idFor(ctx.header(HEADER));
        ctx.attribute(ID_ATTRIBUTE, id);
        ctx.attribute(STARTED_ATTRIBUTE, System.nanoTime());
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** Runs once the answer is decided, on whichever thread completed it (for a write, a reply thread). */
    private static void end(Context ctx) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        String id = ctx.attribute(ID_ATTRIBUTE);
        Long started = ctx.attribute(STARTED_ATTRIBUTE);
        long micros = started == null ? 0 : (System.nanoTime() - started) / 1_000;
        String duration = millisWithThreeDecimals(micros);
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? NONE : endpoint.path;
        String method = ctx.method().name();
        String wallet = walletOf(ctx);
        String caller = Authentication.authenticatedName(ctx).orElse(NONE);
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id == null ? NONE : id);
        try {
            ACCESS.atInfo().addKeyValue("method", method).addKeyValue("route", route)
                    .addKeyValue("status", ctx.statusCode()).addKeyValue("durationMs", duration)
                    .addKeyValue("wallet", wallet).addKeyValue("caller", caller)
                    .log("method={} route={} status={} durationMs={} wallet={} caller={}", method, route,
                            ctx.statusCode(), duration, wallet, caller);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    private static String millisWithThreeDecimals(long micros) {
        String fraction = Long.toString(1_000 + micros % 1_000).substring(1);
        return micros / 1_000 + "." + fraction;
    }

    /** {@return the request's wallet id, or "-" when the route has none or it is not a valid one (never raw input)} */
    private static String walletOf(Context ctx) {
        try {
            String userId = ctx.pathParamMap().get("userId");
            return userId == null ? NONE : WalletId.of(userId).value();
        } catch (IllegalArgumentException notAWalletId) {
            // An InvalidInputException, or Javalin's own for a malformed percent-escape.
            return NONE;
        }
    }

    /** Removes the request id from the MDC of the thread that leaves a request, however it left. */
    private static final class ForgetRequestId extends Handler.Wrapper {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            try {
                return super.handle(request, response, callback);
            } finally {
                MDC.remove(MDC_KEY);
            }
        }
    }
}
