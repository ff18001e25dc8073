package com.acme.wallet.application.port.in;

import com.acme.wallet.application.port.out.history.HistoryFilter;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.util.Objects;

/**
 * Read a wallet's balance at a point of its past, from the stored history.
 *
 * @param walletId the wallet
 * @param point right after which event, or at which instant
 * @param minSequence read-your-writes: answer only once the store holds the wallet through this
 *     sequence; 0 asks nothing
 */
public record BalanceAtQuery(WalletId walletId, PastPoint point, long minSequence) {

    /** Validates the query. */
    public BalanceAtQuery {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(point, "point");
        MinSequence.check(minSequence);
    }

    /** A point of a wallet's past. */
    public sealed interface PastPoint {}

    /**
     * Right after the wallet's event with this sequence; 1 is the opening.
     *
     * @param sequence the sequence, at least 1
     */
    public record AtSequence(long sequence) implements PastPoint {
        /** Validates the point. */
        public AtSequence {
            if (sequence < 1) {
                throw new InvalidInputException("atSequence must be at least 1 (the opening)");
            }
        }
    }

    /**
     * At an instant: after the last event that occurred at or before it.
     *
     * @param at the instant
     */
    public record AtInstant(Instant at) implements PastPoint {
        /** Validates the point. */
        public AtInstant {
            Objects.requireNonNull(at, "at");
            if (at.isBefore(HistoryFilter.EARLIEST) || at.isAfter(HistoryFilter.LATEST)) {
                throw new InvalidInputException("at must be between year 1 and year 9999");
            }
        }
    }
}
