package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * The wallet has no event with this sequence yet, not even in the writer's memory: a
 * {@code minSequence} or {@code atSequence} beyond its last change.
 *
 * @param walletId the wallet
 * @param sequence the sequence asked for
 * @param lastSequence the wallet's last durable sequence
 */
public record SequenceNotReached(WalletId walletId, long sequence, long lastSequence)
        implements NotInHistory {
    /** Validates the answer. */
    public SequenceNotReached {
        Objects.requireNonNull(walletId, "walletId");
        if (sequence <= lastSequence) {
            throw new IllegalArgumentException("sequence " + sequence + " is reached: the last is " + lastSequence);
        }
    }
}
