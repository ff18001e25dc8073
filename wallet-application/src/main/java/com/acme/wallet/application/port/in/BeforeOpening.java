package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.util.Objects;

/**
 * The instant asked is before the wallet's opening: it had no balance then.
 *
 * @param walletId the wallet
 * @param at the instant asked
 */
public record BeforeOpening(WalletId walletId, Instant at) implements BalanceAtAnswer {
    /** Validates the answer. */
    public BeforeOpening {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(at, "at");
    }
}
