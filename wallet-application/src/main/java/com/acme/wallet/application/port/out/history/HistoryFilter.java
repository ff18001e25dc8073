package com.acme.wallet.application.port.out.history;

import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.TransactionType;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WinRequest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which entries of a wallet's history are shown. Every part left out matches every entry.
 *
 * @param types the kinds of change shown; empty shows every entry, the opening included (the
 *     opening has no kind of change, so any type filter leaves it out)
 * @param roundId only entries of this round: its bets and wins, refused or not, and the rollbacks
 *     that refunded or reclaimed one of them (as the stored column {@code round_id} holds it)
 * @param from only entries that occurred at or after this instant
 * @param to only entries that occurred before this instant
 */
public record HistoryFilter(Set<TransactionType> types, Optional<RoundId> roundId, Optional<Instant> from,
        Optional<Instant> to) {

    /**
     * The earliest instant a filter takes: PostgreSQL's timestamps go back further, but no change of
     * this service happened before it, and an instant outside PostgreSQL's range would fail there.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest instant a filter takes, for the same reason. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** The filter that shows everything. */
    public static final HistoryFilter EVERYTHING = new HistoryFilter(Set.of(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** Validates the filter: instants within range, {@code from} before {@code to}. */
    public HistoryFilter {
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        from.ifPresent(instant -> checkRange("from", instant));
        to.ifPresent(instant -> checkRange("to", instant));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidInputException("from must be before to (the range is [from, to))");
        }
    }

    /** {@return whether the entry is shown} */
    public boolean matches(HistoryEntry entry) {
        WalletEvent event = entry.event();
        if (!types.isEmpty() && !(event instanceof ReferencedEvent change && types.contains(change.request().type()))) {
            return false;
        }
        if (roundId.isPresent() && !roundOf(event).equals(roundId)) {
            return false;
        }
        if (from.isPresent() && event.occurredAt().isBefore(from.get())) {
            return false;
        }
        return to.isEmpty() || event.occurredAt().isBefore(to.get());
    }

    /**
     * {@return the round an event belongs to, as the store's {@code round_id} column holds it: the
     *     round it changed ({@link ReferencedEvent#roundChanged}), or a refused bet's or win's round}
     */
    public static Optional<RoundId> roundOf(WalletEvent event) {
        if (event instanceof RequestRefused refused && refused.request() instanceof BetRequest bet) {
            return Optional.of(bet.roundId());
        }
        if (event instanceof RequestRefused refused && refused.request() instanceof WinRequest win) {
            return Optional.of(win.roundId());
        }
        return event instanceof ReferencedEvent change ? change.roundChanged() : Optional.empty();
    }

    private static void checkRange(String name, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidInputException(name + " must be between year 1 and year 9999");
        }
    }
}
