package com.acme.wallet.domain;

import java.util.Objects;

/**
 * What a wallet knows of one of its rounds, enough to decide the next leg: how many bets and wins
 * stand (are not rolled back), whether a leg closed it, and which of its changes is in flight.
 *
 * <p>A round is <em>complete</em> when it counts every leg the round ever had; only then may a
 * decision rest on it. A wallet that has forgotten older changes builds a <em>partial</em> round
 * from the events it reads after the sequence it forgot through, counting only those: the legs up
 * to that sequence are asked of the store ({@link RoundSummary}) and added before a decision. The
 * counts of a partial round may be negative: a rollback of a bet it does not count.
 */
final class Round {

    private final RoundId id;
    private boolean complete;
    private final long countsAfter;
    private int standingBets;
    private int standingWins;
    private boolean closed;
    private long lastSequence;
    private long inFlightSequence;

    private Round(RoundId id, boolean complete, long countsAfter) {
        this.id = Objects.requireNonNull(id, "id");
        this.complete = complete;
        this.countsAfter = countsAfter;
    }

    /** {@return a round with no legs yet, complete} */
    static Round fresh(RoundId id) {
        return new Round(id, true, 0);
    }

    /** {@return a round that counts only the legs after a sequence} */
    static Round partialAfter(RoundId id, long sequence) {
        return new Round(id, false, sequence);
    }

    /** {@return a complete round as the store summarised it, for a wallet that remembers none of its legs} */
    static Round of(RoundSummary summary) {
        Round round = fresh(summary.roundId());
        round.add(summary);
        return round;
    }

    /**
     * Adds the store's count of the legs up to the sequence this partial round counts after: the
     * round is then complete.
     */
    void complete(RoundSummary summary) {
        check(!complete && summary.through() == countsAfter, "round %s counting after %s completed with legs through %s",
                id, countsAfter, summary.through());
        add(summary);
        complete = true;
        checkComplete();
    }

    private void add(RoundSummary summary) {
        standingBets = Math.addExact(standingBets, summary.standingBets());
        standingWins = Math.addExact(standingWins, summary.standingWins());
        closed |= summary.closed();
        lastSequence = Math.max(lastSequence, summary.lastSequence());
    }

    void betPlaced(BetPlaced bet) {
        check(!complete || !closed, "bet %s placed into closed round %s", bet.reference(), id);
        standingBets = Math.addExact(standingBets, 1);
        closed |= bet.request().closesRound();
        durable(bet.sequence());
    }

    void winPaid(WinPaid win) {
        check(!complete || !closed && standingBets > 0, "win %s paid into round %s with %s bets, closed: %s",
                win.reference(), id, standingBets, closed);
        standingWins = Math.addExact(standingWins, 1);
        closed |= win.request().closesRound();
        durable(win.sequence());
    }

    void betRefunded(RolledBack rollback) {
        check(!complete || standingWins == 0, "bet of round %s refunded by %s after a win", id, rollback.reference());
        standingBets = Math.subtractExact(standingBets, 1);
        durable(rollback.sequence());
    }

    void winReclaimed(RolledBack rollback) {
        standingWins = Math.subtractExact(standingWins, 1);
        durable(rollback.sequence());
    }

    private void durable(long sequence) {
        lastSequence = Math.max(lastSequence, sequence);
        if (inFlightSequence == sequence) {
            inFlightSequence = 0;
        }
        if (complete) {
            checkComplete();
        }
    }

    private void checkComplete() {
        check(standingBets >= 0 && standingWins >= 0, "round %s has %s bets and %s wins standing", id, standingBets,
                standingWins);
    }

    RoundId id() {
        return id;
    }

    boolean isComplete() {
        return complete;
    }

    /** {@return the sequence after which a partial round counts its legs} */
    long countsAfter() {
        return countsAfter;
    }

    int standingBets() {
        return standingBets;
    }

    int standingWins() {
        return standingWins;
    }

    boolean isClosed() {
        return closed;
    }

    long lastSequence() {
        return lastSequence;
    }

    /** {@return the sequence of the round's change in flight, 0 if none} */
    long inFlightSequence() {
        return inFlightSequence;
    }

    void inFlight(long sequence) {
        check(inFlightSequence == 0, "round %s has %s in flight when %s is decided", id, inFlightSequence, sequence);
        inFlightSequence = sequence;
    }

    void discardInFlight() {
        inFlightSequence = 0;
    }

    private static void check(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new IllegalStateException("wallet invariant broken: " + String.format(format, arguments));
        }
    }
}
