package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.util.Objects;

/**
 * A wallet's balance at a point of its past.
 *
 * @param walletId the wallet
 * @param balanceCents the balance right after the event {@code sequence}
 * @param sequence the wallet's last event at that point
 * @param at for a point asked by instant, that instant; for one asked by sequence, when that event occurred
 */
public record PastBalance(WalletId walletId, long balanceCents, long sequence, Instant at) implements BalanceAtAnswer {
    /** Validates the answer. */
    public PastBalance {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(at, "at");
        if (balanceCents < 0 || sequence < 1) {
            throw new IllegalArgumentException("impossible past balance " + balanceCents + " at sequence " + sequence);
        }
    }
}
