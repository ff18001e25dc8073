package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.in.Caller;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call which route: bearer tokens with scopes ({@link #byTokens}), or nobody checked at all
 * ({@link #none}, the insecure development mode).
 *
 * <p>Every route declares one role: {@link Public#ANYONE}, or the {@link Scope} it needs. A request
 * to a scoped route without a token, or with one not listed, is answered 401 {@code unauthenticated}
 * with a {@code WWW-Authenticate: Bearer} challenge (RFC 6750); one whose token lacks the scope, 403
 * {@code forbidden}, the challenge naming the scope. Neither runs the route, so a refused request
 * changes nothing. The caller of an allowed request is kept on the request for the access log and
 * the change's record.
 */
public final class Authentication {

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    private static final String CALLER_ATTRIBUTE = Authentication.class.getName() + ".caller";
    private static final String BEARER = "Bearer ";
    private static final String CHALLENGE = "Bearer realm=\"wallet\"";
    private static final ApiTokens.Grant EVERYTHING = new ApiTokens.Grant(Caller.ANONYMOUS, EnumSet.allOf(Scope.class));

    private final Optional<Supplier<ApiTokens>> tokens;

    private Authentication(Optional<Supplier<ApiTokens>> tokens) {
        this.tokens = tokens;
    }

    /**
     * Every scoped route needs a bearer token listed in the tokens in force, with the route's scope.
     *
     * @param tokens the tokens in force, asked on every request (a {@link TokenFile} reads them again
     *     when they change)
     * @return the authentication
     */
    public static Authentication byTokens(Supplier<ApiTokens> tokens) {
        return new Authentication(Optional.of(Objects.requireNonNull(tokens, "tokens")));
    }

    /**
     * Nobody is authenticated and every request may do everything, as the caller {@code anonymous}:
     * for trying the API on a developer's machine only.
     *
     * @return the authentication
     */
    public static Authentication none() {
        return new Authentication(Optional.empty());
    }

    /** {@return whether requests are checked at all} */
    public boolean checksTokens() {
        return tokens.isPresent();
    }

    /**
     * {@return the caller an allowed request was authenticated as; {@code anonymous} on a public
     *     route or without authentication}
     */
    static Caller callerOf(Context ctx) {
        Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        return caller == null ? Caller.ANONYMOUS : caller;
    }

    /** {@return the name of the request's authenticated caller, if it was authenticated} */
    static Optional<String> authenticatedName(Context ctx) {
        Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        return Optional.ofNullable(caller).map(Caller::name);
    }

    /**
     * Lets the request through to its route, or refuses it with 401 or 403.
     *
     * @throws Refusal if the request may not run its route
     */
    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Public.ANYONE)) {
            return;
        }
        Optional<Scope> needed = roles.stream().filter(Scope.class::isInstance).map(Scope.class::cast).findFirst();
        if (needed.isEmpty() || roles.size() != 1) {
            // A route declared without its one role: closed to everyone until it is mended.
            LOG.error("route {} {} declares the roles {}, not one; refused", ctx.method().name(), ctx.endpoint().path,
                    roles);
            refuse(ctx, ErrorCode.FORBIDDEN, "this route is closed", CHALLENGE);
            return;
        }
        Optional<ApiTokens.Grant> grant = tokens.isEmpty() ? Optional.of(EVERYTHING) : grantOf(ctx);
        if (grant.isEmpty()) {
            return;
        }
        ctx.attribute(CALLER_ATTRIBUTE, grant.get().caller());
        if (!grant.get().scopes().contains(needed.get())) {
            refuse(ctx, ErrorCode.FORBIDDEN, "the token of " + grant.get().caller() + " lacks the scope "
                    + needed.get().wire() + " this route needs",
                    CHALLENGE + ", error=\"insufficient_scope\", scope=\"" + needed.get().wire() + "\"");
        }
    }

    /** {@return the grant of the request's token; empty once the request was answered 401} */
    private Optional<ApiTokens.Grant> grantOf(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null) {
            refuse(ctx, ErrorCode.UNAUTHENTICATED, "this route needs a token: send Authorization: Bearer <token>",
                    CHALLENGE);
            return Optional.empty();
        }
        // The scheme is case-insensitive (RFC 7235); the token is everything after it.
        boolean bearer = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        Optional<ApiTokens.Grant> grant = bearer
                ? tokens.orElseThrow().get().grantOf(authorization.substring(BEARER.length()).strip())
                : Optional.empty();
        if (grant.isEmpty()) {
            refuse(ctx, ErrorCode.UNAUTHENTICATED, bearer ? "the token is not valid"
                    : "only Bearer tokens are accepted: send Authorization: Bearer <token>",
                    bearer ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE);
        }
        return grant;
    }

    private static void refuse(Context ctx, ErrorCode code, String message, String challenge) {
        throw new Refusal(code, message, Map.of("WWW-Authenticate", challenge));
    }

    @Override
    public String toString() {
        return tokens.isPresent() ? "Authentication[bearer tokens]" : "Authentication[none]";
    }
}
