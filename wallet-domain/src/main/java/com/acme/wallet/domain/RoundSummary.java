package com.acme.wallet.domain;

import java.util.Objects;

/**
 * What a store holds of one round of a wallet, counting only the legs up to a sequence: part of
 * the answer to a {@link Decision.LookUp}. A wallet adds what it remembers after that sequence.
 *
 * @param roundId the round
 * @param through the legs counted are the wallet's events up to this sequence
 * @param standingBets bets not rolled back
 * @param standingWins wins not rolled back
 * @param closed whether a leg closed the round
 * @param lastSequence the sequence of the round's last leg or rollback counted, 0 if none
 */
public record RoundSummary(RoundId roundId, long through, int standingBets, int standingWins, boolean closed,
        long lastSequence) {

    /** Validates the summary. */
    public RoundSummary {
        Objects.requireNonNull(roundId, "roundId");
        if (standingBets < 0 || standingWins < 0 || lastSequence < 0 || lastSequence > through) {
            throw new IllegalArgumentException("impossible summary of round " + roundId + ": " + standingBets
                    + " bets, " + standingWins + " wins, last leg " + lastSequence + " through " + through);
        }
    }

    /**
     * A round of which the store holds no leg up to a sequence.
     *
     * @param roundId the round
     * @param through the sequence the answer holds up to
     * @return the summary
     */
    public static RoundSummary none(RoundId roundId, long through) {
        return new RoundSummary(roundId, through, 0, 0, false, 0);
    }
}
