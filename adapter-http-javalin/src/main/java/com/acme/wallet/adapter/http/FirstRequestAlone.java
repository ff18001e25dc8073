package com.acme.wallet.adapter.http;

import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets the server's first request into Javalin alone. Javalin 7.2.3's servlet builds its context
 * config on the first request in a Kotlin {@code lazy} that is not thread-safe, so requests that
 * arrive together as the very first ones race in it and one fails with a NullPointerException and
 * an empty 500: seen when the fault harness's clients all retried at once against a restarted REST
 * API. Once the first request has been handed over, every later one goes straight through.
 */
final class FirstRequestAlone extends Handler.Wrapper {

    private final ReentrantLock first = new ReentrantLock();
    private volatile boolean handedOver;

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (handedOver) {
            return super.handle(request, response, callback);
        }
        first.lock();
        try {
            boolean handled = super.handle(request, response, callback);
            // Javalin initialised its config while handling it: published by this volatile write.
            handedOver = true;
            return handled;
        } finally {
            first.unlock();
        }
    }
}
