package com.acme.wallet.domain;

import java.util.Objects;

/**
 * A stake placed into a round: it takes the amount from the balance.
 *
 * @param reference the client's name for the bet
 * @param roundId the round it stakes into; a first bet opens the round
 * @param amount how much; above zero
 * @param closesRound whether the round takes no more legs after this one
 * @param metadata the provider's own data, kept with the bet
 */
public record BetRequest(Reference reference, RoundId roundId, Amount amount, boolean closesRound, Metadata metadata)
        implements BettingRequest {

    /**
     * Validates the request.
     *
     * @param reference the client's name for the bet
     * @param roundId the round it stakes into; a first bet opens the round
     * @param amount how much; above zero
     * @param closesRound whether the round takes no more legs after this one
     * @param metadata the provider's own data, kept with the bet
     */
    public BetRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(metadata, "metadata");
        if (!amount.isPositive()) {
            throw new InvalidInputException("amount must be above zero");
        }
    }

    @Override
    public TransactionType type() {
        return TransactionType.BET;
    }

    @Override
    public boolean sameRequestAs(WalletRequest other) {
        return other instanceof BetRequest bet && bet.roundId.equals(roundId) && bet.amount.equals(amount)
                && bet.closesRound == closesRound;
    }
}
