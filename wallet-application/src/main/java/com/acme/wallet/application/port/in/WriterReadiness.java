package com.acme.wallet.application.port.in;

/** Whether the service takes writes: what a load balancer's health check asks. */
public interface WriterReadiness {

    /**
     * {@return whether the writer takes writes now: it has loaded its state, is not stopping, and
     *     has not stopped for good (another writer took the log over, or a money invariant broke)}
     */
    boolean readyForWrites();
}
