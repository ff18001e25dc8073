package com.acme.wallet.application.port.out;

import java.util.Objects;

/**
 * The durable log holds a message that is not a wallet event this service can read.
 *
 * <p>In a money log this is an incident, never something to skip: whoever reads the log stops at
 * this message and reports it, so that no change is silently lost.
 */
public final class UnreadableEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The position of the unreadable message. */
    private final transient LogPosition position;

    /**
     * Creates the exception.
     *
     * @param position where the message sits
     * @param reason why it cannot be read
     * @param cause the decoding failure, if any
     */
    public UnreadableEventException(LogPosition position, String reason, Throwable cause) {
        super("unreadable event at " + position + ": " + reason, cause);
        this.position = Objects.requireNonNull(position, "position");
    }

    /** {@return where the unreadable message sits} */
    public LogPosition position() {
        return position;
    }
}
