package com.acme.wallet.adapter.http;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a token allows: each route needs exactly one scope, and a token holds the scopes it was given,
 * no more (a token with {@code admin} alone cannot move money).
 */
public enum Scope implements RouteRole {
    /** Balances now and past, lookups of a reference, history and rounds. */
    READ("wallet:read"),
    /** Changes of an open wallet: add and remove funds, bets, wins and rollbacks. */
    WRITE("wallet:write"),
    /** Opening wallets, with any opening balance. */
    OPEN("wallet:open"),
    /** The operator's endpoints: {@code /metrics}. */
    ADMIN("admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    /** {@return the scope's name in a token file and in the {@code WWW-Authenticate} header} */
    public String wire() {
        return wire;
    }

    /** {@return the scope of that name, if there is one} */
    static Optional<Scope> named(String name) {
        return Arrays.stream(values()).filter(scope -> scope.wire.equals(name)).findFirst();
    }
}
