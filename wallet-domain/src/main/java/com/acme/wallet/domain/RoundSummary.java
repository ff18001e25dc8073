package com.acme.wallet.domain;

import java.util.Objects;
import java.util.Optional;

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

    /**
     * Validates the summary.
     *
     * @param roundId the round
     * @param through the legs counted are the wallet's events up to this sequence
     * @param standingBets bets not rolled back
     * @param standingWins wins not rolled back
     * @param closed whether a leg closed the round
     * @param lastSequence the sequence of the round's last leg or rollback counted, 0 if none
     */
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

    /**
     * Summarises a round from a wallet's entries, counting those up to a sequence: how a store that
     * holds entries in memory answers.
     *
     * @param roundId the round
     * @param through the last sequence to count
     * @param entries the wallet's entries, in any order
     * @return the summary
     */
    public static RoundSummary of(RoundId roundId, long through, Iterable<LedgerEntry> entries) {
        int bets = 0;
        int wins = 0;
        boolean closed = false;
        long last = 0;
        for (LedgerEntry entry : entries) {
            ReferencedEvent event = entry.event();
            if (event.sequence() > through || !event.roundChanged().equals(Optional.of(roundId))) {
                continue;
            }
            last = Math.max(last, event.sequence());
            if (event instanceof BetPlaced bet) {
                bets++;
                closed |= bet.request().closesRound();
            } else if (event instanceof WinPaid win) {
                wins++;
                closed |= win.request().closesRound();
            } else if (((RolledBack) event).effect() instanceof RollbackEffect.RefundBet) {
                bets--;
            } else {
                wins--;
            }
        }
        return new RoundSummary(roundId, through, bets, wins, closed, last);
    }
}
