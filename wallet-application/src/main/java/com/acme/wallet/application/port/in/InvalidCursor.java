package com.acme.wallet.application.port.in;

import java.util.Objects;

/**
 * The cursor is not one this service gave for this wallet, order and filters.
 *
 * @param reason why, in a sentence safe to show to a client
 */
public record InvalidCursor(String reason) implements HistoryAnswer {
    /** Validates the answer. */
    public InvalidCursor {
        Objects.requireNonNull(reason, "reason");
    }
}
