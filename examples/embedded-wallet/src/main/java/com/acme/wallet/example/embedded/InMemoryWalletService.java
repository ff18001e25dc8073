package com.acme.wallet.example.embedded;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.BettingOutcome;
import com.acme.wallet.domain.BettingRequest;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WinRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Wallets held in memory by a plain JVM service, with the wallet domain alone: the embedding
 * guide's example (README.md beside this module's pom).
 *
 * <p>The domain decides; this service is the single writer the domain expects. Each wallet has one
 * lock. Under it the wallet decides a request; an event to append is appended to the wallet's
 * journal and confirmed to the wallet before the lock is released. So nothing is ever in flight
 * between two requests, and the wallet never answers {@link Decision.AwaitInFlight} or
 * {@link Decision.DecideAfter}; it never forgets a change either, so it never answers
 * {@link Decision.LookUp}. A service that appends to a durable log asynchronously, or keeps only
 * recent changes in memory, must handle those three as the wallet service's {@code WalletWriter}
 * does.
 *
 * <p>Thread-safe: requests on different wallets run in parallel, requests on one wallet one at a
 * time. Memory grows with every wallet and every recorded change, since nothing is forgotten.
 */
public final class InMemoryWalletService {

    private final ConcurrentHashMap<WalletId, Held> wallets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Supplier<UUID> eventIds;
    private volatile IllegalStateException halted;

    /**
     * Creates a service holding no wallet.
     *
     * @param clock the time given to events; the domain never reads a clock itself
     * @param eventIds unique ids for events, such as {@code UUID::randomUUID}
     */
    public InMemoryWalletService(Clock clock, Supplier<UUID> eventIds) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
    }

    /**
     * Opens a wallet.
     *
     * @param walletId the new wallet's id
     * @param openingBalance its opening balance; may be zero
     * @return {@link OpenOutcome.Opened}, or {@link OpenOutcome.AlreadyExists} if it is open
     */
    public OpenOutcome open(WalletId walletId, Amount openingBalance) {
        Objects.requireNonNull(openingBalance, "openingBalance");
        Held held = wallets.computeIfAbsent(walletId, id -> new Held(Wallet.unopened(id)));
        return write(held, wallet -> wallet.decideOpen(openingBalance, stamp()),
                (event, balanceAfterCents) -> new OpenOutcome.Opened(walletId, balanceAfterCents));
    }

    /**
     * Adds funds under the client's reference.
     *
     * @param walletId the wallet
     * @param amount how much; above zero
     * @param reference the client's name for the change, reused on every retry
     * @return accepted; replayed (a retry of an applied change); refused, if the balance would pass
     *     {@link Wallet#MAX_BALANCE_CENTS}; a conflict (the reference names another request); or
     *     wallet not found
     * @throws InvalidInputException if the amount is zero
     */
    public ChangeOutcome addFunds(WalletId walletId, Amount amount, Reference reference) {
        return changeFunds(walletId, FundsOperation.ADD, amount, reference);
    }

    /**
     * Removes funds under the client's reference, never below zero.
     *
     * @param walletId the wallet
     * @param amount how much; above zero
     * @param reference the client's name for the change, reused on every retry
     * @return accepted; replayed; refused for insufficient funds (and refused again on every retry
     *     of this reference); a conflict; or wallet not found
     * @throws InvalidInputException if the amount is zero
     */
    public ChangeOutcome removeFunds(WalletId walletId, Amount amount, Reference reference) {
        return changeFunds(walletId, FundsOperation.REMOVE, amount, reference);
    }

    /**
     * Places a bet into a round.
     *
     * @param walletId the wallet
     * @param bet the bet
     * @return its recorded outcome (placed or refused), a conflict, rolled back before it came, or
     *     wallet not found
     */
    public BettingOutcome bet(WalletId walletId, BetRequest bet) {
        return betting(walletId, bet);
    }

    /**
     * Pays a win into a round with a standing bet.
     *
     * @param walletId the wallet
     * @param win the win
     * @return as {@link #bet}
     */
    public BettingOutcome win(WalletId walletId, WinRequest win) {
        return betting(walletId, win);
    }

    /**
     * Rolls back a bet (its stake goes back) or a win (it is taken back).
     *
     * @param walletId the wallet
     * @param rollback the rollback
     * @return as {@link #bet}; a rollback of a reference never seen is recorded as a tombstone
     */
    public BettingOutcome rollBack(WalletId walletId, RollbackRequest rollback) {
        return betting(walletId, rollback);
    }

    /**
     * Reads a wallet's balance.
     *
     * @param walletId the wallet
     * @return its balance in cents, empty if it is not open
     */
    public OptionalLong balanceCents(WalletId walletId) {
        return read(walletId,
                wallet -> wallet.isOpen() ? OptionalLong.of(wallet.balanceCents()) : OptionalLong.empty());
    }

    /**
     * Looks up what became of a reference.
     *
     * @param walletId the wallet
     * @param reference the client's reference
     * @return its recorded outcome, with the balance it left; empty if the wallet has none
     */
    public Optional<LedgerEntry> outcomeOf(WalletId walletId, Reference reference) {
        return read(walletId, wallet -> wallet.entry(reference));
    }

    /**
     * The events of a wallet in the order they were appended: what a durable store would hold, and
     * what {@link Wallet#replay} rebuilds the wallet from.
     *
     * @param walletId the wallet
     * @return a copy of its journal; empty if it was never opened
     */
    public List<WalletEvent> journal(WalletId walletId) {
        Held held = wallets.get(walletId);
        if (held == null) {
            return List.of();
        }
        synchronized (held) {
            return List.copyOf(held.journal);
        }
    }

    private ChangeOutcome changeFunds(WalletId walletId, FundsOperation operation, Amount amount,
            Reference reference) {
        if (!amount.isPositive()) {
            // Bad input, refused here: the wallet takes a change of nothing for a bug, and would halt the service.
            throw new InvalidInputException("amount must be greater than zero");
        }
        return write(walletId, wallet -> wallet.decideChange(operation, amount, reference, stamp()),
                InMemoryWalletService::fundsOutcome);
    }

    private BettingOutcome betting(WalletId walletId, BettingRequest request) {
        return write(walletId, wallet -> wallet.decideBetting(request, stamp()),
                (event, balanceAfterCents) -> new BettingOutcome.Recorded(
                        new LedgerEntry((ReferencedEvent) event, balanceAfterCents), false));
    }

    /** A wallet this service does not hold was never opened: the domain answers "not found" for it. */
    private <O> O write(WalletId walletId, Function<Wallet, Decision<O>> decide, Accepted<O> accepted) {
        Held held = wallets.get(walletId);
        if (held == null) {
            Decision<O> decision = decide.apply(Wallet.unopened(walletId));
            if (decision instanceof Decision.Settled<O> settled) {
                return settled.outcome();
            }
            throw new IllegalStateException("an unopened wallet decided " + decision + " for a change");
        }
        return write(held, decide, accepted);
    }

    // snippet:write
    private <O> O write(Held held, Function<Wallet, Decision<O>> decide, Accepted<O> accepted) {
        synchronized (held) {
            refuseIfHalted();
            try {
                Decision<O> decision = decide.apply(held.wallet);
                if (decision instanceof Decision.Settled<O> settled) {
                    return settled.outcome(); // a replay, a conflict, not found: nothing to append
                }
                if (decision instanceof Decision.Append<O> append) {
                    WalletEvent event = append.event();
                    appendToJournal(held, event); // where a durable service writes to its store
                    long balanceAfterCents = held.wallet.confirm(event);
                    return accepted.of(event, balanceAfterCents);
                }
                // AwaitInFlight, DecideAfter and LookUp need a change in flight or a forgotten one.
                throw new IllegalStateException("unexpected decision here: " + decision);
            } catch (IllegalStateException brokenInvariant) {
                // Wrong money must not spread: stop taking writes, for every wallet.
                halted = brokenInvariant;
                throw brokenInvariant;
            }
        }
    }

    private static void appendToJournal(Held held, WalletEvent event) {
        try {
            held.journal.add(event);
        } catch (RuntimeException notAppended) {
            // The event is not durable: the wallet must not count it. A store whose append may
            // have happened must instead rebuild the wallet from what it holds (Wallet.replay).
            held.wallet.discardInFlight();
            throw notAppended;
        }
    }
    // end-snippet

    private <T> T read(WalletId walletId, Function<Wallet, T> read) {
        Held held = wallets.get(walletId);
        if (held == null) {
            return read.apply(Wallet.unopened(walletId));
        }
        synchronized (held) {
            return read.apply(held.wallet);
        }
    }

    private void refuseIfHalted() {
        IllegalStateException cause = halted;
        if (cause != null) {
            throw new IllegalStateException("the service stopped taking writes after a broken invariant", cause);
        }
    }

    private EventStamp stamp() {
        return new EventStamp(eventIds.get(), clock.instant());
    }

    private static ChangeOutcome fundsOutcome(WalletEvent event, long balanceAfterCents) {
        if (event instanceof FundsChanged change) {
            return new ChangeOutcome.Accepted(AppliedChange.of(change, balanceAfterCents));
        }
        return new ChangeOutcome.Refused(new LedgerEntry((RequestRefused) event, balanceAfterCents), false);
    }

    /** One wallet and its journal, guarded by the holder's monitor. */
    private static final class Held {
        final Wallet wallet;
        final List<WalletEvent> journal = new ArrayList<>();

        Held(Wallet wallet) {
            this.wallet = wallet;
        }
    }

    /** The outcome of a request whose event is now appended and confirmed. */
    @FunctionalInterface
    private interface Accepted<O> {
        O of(WalletEvent event, long balanceAfterCents);
    }
}
