package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * The round has more legs and rollbacks than one answer shows; its history can be paged with a
 * {@code roundId} filter instead.
 *
 * @param walletId the wallet
 * @param roundId the round asked for
 * @param maxEntries the most legs and rollbacks one answer shows
 */
public record RoundTooLarge(WalletId walletId, RoundId roundId, int maxEntries) implements RoundAnswer {
    /** Validates the answer. */
    public RoundTooLarge {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(roundId, "roundId");
    }
}
