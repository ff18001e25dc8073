package com.acme.wallet.domain;

import java.util.Objects;

/**
 * A payout into a round that has a standing bet: it adds the amount to the balance. A win of zero
 * records that the round was lost, and usually closes it.
 *
 * @param reference the client's name for the win
 * @param roundId the round it pays into
 * @param amount how much; zero or more
 * @param closesRound whether the round takes no more legs after this one
 * @param metadata the provider's own data, kept with the win
 */
public record WinRequest(Reference reference, RoundId roundId, Amount amount, boolean closesRound, Metadata metadata)
        implements BettingRequest {

    /**
     * Validates the request.
     *
     * @param reference the client's name for the win
     * @param roundId the round it pays into
     * @param amount how much; zero or more
     * @param closesRound whether the round takes no more legs after this one
     * @param metadata the provider's own data, kept with the win
     */
    public WinRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public TransactionType type() {
        return TransactionType.WIN;
    }

    @Override
    public boolean sameRequestAs(WalletRequest other) {
        return other instanceof WinRequest win && win.roundId.equals(roundId) && win.amount.equals(amount)
                && win.closesRound == closesRound;
    }
}
