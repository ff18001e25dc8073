package com.acme.wallet.bench;

import com.acme.wallet.adapter.http.WalletApiJson;

/**
 * The HTTP ceiling: the service's change routes, parsing and reply with nothing behind them.
 * Every valid change is answered at once, 201 for an add and 200 for a remove, with a balance of 0,
 * by the service's own {@link WalletApiJson#answerChange}. No state, no log, no Pulsar: what
 * Javalin and Jetty on this machine can answer at most.
 */
public final class BareServer {

    private BareServer() {}

    /**
     * Starts the bare server on the loopback address.
     *
     * @param port the port, 0 for any free one
     * @return the listening server; {@link CeilingServer#port()} tells the port
     */
    public static CeilingServer start(int port) {
        WalletApiJson json = new WalletApiJson();
        return CeilingServer.start(port, json,
                (ctx, request) -> json.answerChange(ctx, request.acceptedWithoutState()));
    }
}
