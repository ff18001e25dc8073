package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.port.out.WriterFencedException;

/**
 * Another writer holds exclusive access to the event log's topic, so this one may not append.
 *
 * <p>This is the fencing that keeps a second REST API instance from writing: only one producer in
 * exclusive access mode can exist on the topic at a time. A writer whose producer the broker fenced
 * off while it ran gets it for every later append.
 */
public final class PulsarWriterFencedException extends WriterFencedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused
     * @param cause the client's failure
     */
    public PulsarWriterFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
