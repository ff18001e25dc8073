package com.acme.wallet.client;

/**
 * Sees every HTTP exchange a client makes, in the order they end: for request logs, metrics, or
 * tests that check each request and answer against the API's description. It is called on the
 * thread that completed the exchange, before the call goes on, so it must be quick. An exception
 * it throws fails the call with that exception (the exchange has happened regardless): it is a
 * hook for observing, not for deciding.
 */
@FunctionalInterface
public interface ExchangeListener {

    /** Listens to nothing. */
    ExchangeListener NONE = exchange -> {};

    void onExchange(Exchange exchange);

    /** {@return a listener that calls this one, then the other} */
    default ExchangeListener andThen(ExchangeListener other) {
        return exchange -> {
            onExchange(exchange);
            other.onExchange(exchange);
        };
    }
}
