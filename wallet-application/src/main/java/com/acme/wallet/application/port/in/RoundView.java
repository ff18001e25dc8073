package com.acme.wallet.application.port.in;

import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.domain.BetPlaced;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WinPaid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A round of a wallet as its stored history shows it.
 *
 * @param walletId the wallet
 * @param roundId the round
 * @param closed whether an applied bet or win closed it (a leg rolled back later still closed it,
 *     as the wallet decides)
 * @param stakedCents the applied bets not rolled back, summed
 * @param wonCents the applied wins not rolled back, summed
 * @param legs the applied bets and wins, in sequence order
 */
public record RoundView(WalletId walletId, RoundId roundId, boolean closed, long stakedCents, long wonCents,
        List<Leg> legs) implements RoundAnswer {

    /** Validates the view. */
    public RoundView {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(roundId, "roundId");
        legs = List.copyOf(legs);
        if (legs.isEmpty() || stakedCents < 0 || wonCents < 0) {
            throw new IllegalArgumentException("impossible round " + roundId + ": " + legs.size() + " legs, staked "
                    + stakedCents + ", won " + wonCents);
        }
    }

    /**
     * One applied bet or win of the round.
     *
     * @param entry the bet or the win, with the balance it left
     * @param rolledBackBy the reference of the rollback that refunded or reclaimed it, if one did
     */
    public record Leg(LedgerEntry entry, Optional<Reference> rolledBackBy) {
        /** Validates the leg. */
        public Leg {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(rolledBackBy, "rolledBackBy");
            if (!(entry.event() instanceof BetPlaced || entry.event() instanceof WinPaid)) {
                throw new IllegalArgumentException("a leg is an applied bet or win, not " + entry);
            }
        }
    }

    /**
     * Sums a round up from its stored entries.
     *
     * @param walletId the wallet
     * @param roundId the round
     * @param entries its applied bets and wins and the rollbacks that refunded or reclaimed one of
     *     them, in sequence order, at least one bet or win
     * @return the round
     * @throws IllegalStateException if the entries are not such a round: an entry of another round or
     *     kind, out of order, or a rollback of no leg among them
     */
    public static RoundView of(WalletId walletId, RoundId roundId, List<HistoryEntry> entries) {
        Map<Reference, Reference> rollbacks = new HashMap<>();
        List<LedgerEntry> legs = new ArrayList<>();
        long previous = 0;
        for (HistoryEntry stored : entries) {
            LedgerEntry entry = stored.ledgerEntry().orElseThrow(() -> broken(roundId, "an opening", stored));
            if (entry.sequence() <= previous) {
                throw broken(roundId, "out of sequence order", stored);
            }
            previous = entry.sequence();
            ReferencedEvent event = entry.event();
            if (event instanceof BetPlaced bet && bet.request().roundId().equals(roundId)
                    || event instanceof WinPaid win && win.request().roundId().equals(roundId)) {
                legs.add(entry);
            } else if (event instanceof RolledBack rollback && rollback.roundChanged().equals(Optional.of(roundId))) {
                rollbacks.put(rollback.originalReference(), rollback.reference());
            } else {
                throw broken(roundId, "not a leg of it", stored);
            }
        }
        return sum(walletId, roundId, legs, rollbacks);
    }

    private static RoundView sum(WalletId walletId, RoundId roundId, List<LedgerEntry> legs,
            Map<Reference, Reference> rollbacks) {
        boolean closed = false;
        long staked = 0;
        long won = 0;
        List<Leg> shown = new ArrayList<>();
        for (LedgerEntry leg : legs) {
            Optional<Reference> rolledBackBy = Optional.ofNullable(rollbacks.remove(leg.reference()));
            shown.add(new Leg(leg, rolledBackBy));
            if (leg.event() instanceof BetPlaced bet) {
                closed |= bet.request().closesRound();
                staked = rolledBackBy.isPresent() ? staked : Math.addExact(staked, bet.amount().cents());
            } else {
                WinPaid win = (WinPaid) leg.event();
                closed |= win.request().closesRound();
                won = rolledBackBy.isPresent() ? won : Math.addExact(won, win.amount().cents());
            }
        }
        if (!rollbacks.isEmpty()) {
            throw new IllegalStateException("round " + roundId + " of " + walletId + " has rollbacks of legs it does "
                    + "not hold: " + rollbacks);
        }
        return new RoundView(walletId, roundId, closed, staked, won, shown);
    }

    private static IllegalStateException broken(RoundId roundId, String what, HistoryEntry entry) {
        return new IllegalStateException("round " + roundId + " read with an entry " + what + ": " + entry);
    }
}
