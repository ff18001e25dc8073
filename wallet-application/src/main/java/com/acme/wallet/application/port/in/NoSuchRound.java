package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * The store holds no applied bet or win of this round on the wallet.
 *
 * @param walletId the wallet
 * @param roundId the round asked for
 */
public record NoSuchRound(WalletId walletId, RoundId roundId) implements RoundAnswer {
    /** Validates the answer. */
    public NoSuchRound {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(roundId, "roundId");
    }
}
