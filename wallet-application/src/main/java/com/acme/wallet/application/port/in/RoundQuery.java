package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * Read a round of a wallet from the stored history.
 *
 * @param walletId the wallet
 * @param roundId the round
 * @param minSequence read-your-writes: answer only once the store holds the wallet through this
 *     sequence; 0 asks nothing
 */
public record RoundQuery(WalletId walletId, RoundId roundId, long minSequence) {

    /** Validates the query. */
    public RoundQuery {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(roundId, "roundId");
        MinSequence.check(minSequence);
    }
}
