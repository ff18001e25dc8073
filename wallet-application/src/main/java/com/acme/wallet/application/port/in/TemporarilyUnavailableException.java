package com.acme.wallet.application.port.in;

/**
 * A request could not be served now: the service is starting or stopping, too many changes are in
 * flight, or the log did not confirm a change, whose outcome is then unknown.
 *
 * <p>An infrastructure condition, not a business answer. The client should retry later with the
 * same reference: a change that did happen is then replayed, one that did not is decided afresh.
 * The message is safe to show to a client.
 */
public final class TemporarilyUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why, in a sentence safe to show to a client
     */
    public TemporarilyUnavailableException(String message) {
        super(message, null, false, false);
    }

    /**
     * Creates the exception with its cause, kept for the logs only.
     *
     * @param message why, in a sentence safe to show to a client
     * @param cause the infrastructure failure behind it
     */
    public TemporarilyUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
