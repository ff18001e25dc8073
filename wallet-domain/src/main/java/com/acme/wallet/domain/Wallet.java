package com.acme.wallet.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One player's funds: the aggregate that decides every change and keeps the money rules.
 *
 * <h2>Two kinds of state</h2>
 * A wallet holds its <em>durable</em> state (the balance, sequence and references that the log has
 * confirmed) and the changes it has <em>decided</em> but the log has not yet confirmed (in flight).
 * Decisions are made against both, so that many changes can be in flight at once while the money
 * rules hold whatever subset of them ends up durable:
 * <ul>
 *   <li>a debit may only spend durable money not already promised to an earlier debit in flight:
 *       available = durable balance &minus; debits in flight. Credits in flight are not spendable;
 *   <li>a credit is refused if the durable balance plus every credit in flight would pass
 *       {@link #MAX_BALANCE_CENTS};
 *   <li>a reference, durable or in flight, is never decided a second time.
 * </ul>
 * So the balance stays between zero and the maximum, and no reference applies twice, even if the
 * log keeps only some of the changes in flight. A request that depends on more than money (a
 * rollback of a change in flight, a leg of a round with a leg in flight) waits for that change
 * instead ({@link Decision.DecideAfter}).
 *
 * <h2>One outcome per reference</h2>
 * Every request names itself with a reference, in one namespace per wallet across funds changes,
 * bets, wins and rollbacks. A bet, a win or a rollback that the wallet refuses for a reason of
 * money or of its round is recorded ({@link RequestRefused}), so a retry is refused again in the
 * same words even once the reason is gone. A rollback of a reference the wallet never saw is
 * recorded too (a tombstone, {@link RolledBack#isTombstone}), and the original, arriving later, is
 * refused ({@link BettingOutcome.RolledBackBefore}).
 *
 * <h2>Rounds</h2>
 * Bets and wins are legs of a round, named by the provider. A win needs a standing bet in its round;
 * a leg may close the round, which then takes no more bets or wins; a bet can be rolled back only
 * until its round has a win.
 *
 * <h2>Memory</h2>
 * A wallet may {@link #forgetThrough forget} its oldest durable changes once a store holds them
 * (for a service, the database the log is persisted into), so that it keeps only its balance,
 * sequence and a window of recent changes. A request whose reference is not among the changes it
 * remembers may then be a retry of a forgotten one: the wallet answers {@link Decision.LookUp}
 * (naming the references, and the round, it needs) and decides again once told what the store
 * holds. A wallet that forgot nothing never asks.
 *
 * <h2>Lifecycle</h2>
 * A writer obtains a wallet with {@link #unopened}, {@link #restore} or {@link #replay}, asks it
 * to decide requests ({@link #decideOpen}, {@link #decideChange}, {@link #decideBetting}), appends the resulting events, and calls
 * {@link #confirm} for each event in sequence order once the log confirms it. A wallet whose
 * in-flight event has an unknown outcome must be discarded and loaded again from the log.
 *
 * <h2>Threads</h2>
 * Not thread-safe: exactly one writer owns a wallet at a time.
 */
public final class Wallet {

    /**
     * The largest balance a wallet may hold, in cents: ten trillion units of currency. Far enough
     * below {@link Long#MAX_VALUE} that no sum of a balance and in-flight changes can overflow.
     */
    public static final long MAX_BALANCE_CENTS = 1_000_000_000_000_000L;

    private final WalletId id;
    private WalletOpened opening;
    private boolean open;
    private long balanceCents;
    private long lastSequence;
    private long forgottenThrough;
    /** The remembered durable outcomes, in sequence order (the order they were applied in). */
    private final LinkedHashMap<Reference, LedgerEntry> entries;
    // Created on the first rollback or round: a million idle wallets hold none.
    /** The remembered durable rollbacks, by the reference they roll back. */
    private Map<Reference, LedgerEntry> rolledBackBy;
    /** The rounds this wallet knows: those with a remembered leg, or a leg in flight. */
    private Map<RoundId, Round> rounds;

    // Sized for the usual one or two changes in flight: a million idle wallets each hold one.
    private final ArrayDeque<WalletEvent> inFlight = new ArrayDeque<>(2);
    private final Map<Reference, ReferencedEvent> inFlightByReference = new HashMap<>();
    /** The rollbacks in flight, by the reference they roll back. */
    private Map<Reference, RolledBack> inFlightRollbackOf;
    private long inFlightDebitCents;
    private long inFlightCreditCents;
    private long lastDecidedSequence;

    private Wallet(WalletId id, boolean open, WalletOpened opening, long balanceCents, long lastSequence,
            long forgottenThrough, LinkedHashMap<Reference, LedgerEntry> entries) {
        this.id = Objects.requireNonNull(id, "id");
        this.opening = opening;
        this.open = open;
        this.balanceCents = balanceCents;
        this.lastSequence = lastSequence;
        this.forgottenThrough = forgottenThrough;
        this.lastDecidedSequence = lastSequence;
        this.entries = entries;
        checkDurableInvariants();
    }

    /**
     * A wallet that does not exist yet: it can only be opened.
     *
     * @param id the wallet's id
     * @return an unopened wallet
     */
    public static Wallet unopened(WalletId id) {
        return new Wallet(id, false, null, 0, 0, 0, new LinkedHashMap<>());
    }

    /**
     * A wallet rebuilt from a stored snapshot of its durable state that holds every outcome the
     * wallet recorded: it remembers them all, and so decides without asking a store.
     *
     * @param opening the event that opened it, as stored
     * @param balanceCents its durable balance
     * @param lastSequence the sequence number of its last durable event
     * @param entries every outcome ever recorded on it (changes, bets, wins, rollbacks, refusals),
     *     one per reference
     * @return the open wallet
     * @throws IllegalStateException if the snapshot breaks a money rule: negative or excessive
     *     balance, an entry of another wallet, a reference twice, a sequence beyond the last, an
     *     opening that is not the first event, a leg its round refuses
     */
    public static Wallet restore(WalletOpened opening, long balanceCents, long lastSequence,
            Collection<LedgerEntry> entries) {
        WalletId id = opening.walletId();
        check(opening.sequence() == WalletEvent.FIRST_SEQUENCE, "snapshot of %s opens at sequence %s", id,
                opening.sequence());
        check(lastSequence >= WalletEvent.FIRST_SEQUENCE, "snapshot of %s has no opening event", id);
        Wallet wallet = new Wallet(id, true, opening, balanceCents, lastSequence, 0,
                new LinkedHashMap<>(Math.max(16, entries.size() * 2)));
        List<LedgerEntry> inSequenceOrder = new ArrayList<>(entries);
        inSequenceOrder.sort(Comparator.comparingLong(LedgerEntry::sequence));
        for (LedgerEntry entry : inSequenceOrder) {
            wallet.restoreEntry(entry);
        }
        return wallet;
    }

    /** Takes an entry of a snapshot: the reference, its rollback and its round, without moving money. */
    private void restoreEntry(LedgerEntry entry) {
        ReferencedEvent event = entry.event();
        check(event.walletId().equals(id), "snapshot of %s holds a change of %s", id, event.walletId());
        check(event.sequence() <= lastSequence, "snapshot of %s holds change %s beyond its last sequence %s",
                id, event.sequence(), lastSequence);
        check(!entries.containsKey(event.reference()), "snapshot of %s applies reference %s twice", id,
                event.reference());
        if (event instanceof BetPlaced bet) {
            roundToChange(bet.request().roundId()).betPlaced(bet);
        } else if (event instanceof WinPaid win) {
            roundToChange(win.request().roundId()).winPaid(win);
        } else if (event instanceof RolledBack rollback) {
            applyRollback(rollback, entry);
        }
        entries.put(event.reference(), entry);
    }

    /**
     * An open wallet known only by its durable balance and last sequence: it has forgotten every
     * change up to that sequence, which a store holds. It takes later events under the money rules
     * and decides requests, asking for a reference it may have forgotten
     * ({@link Decision.LookUp}). An event at or before its last sequence is taken for a
     * repeat without a check: the store that holds those events must tell a repeat from another
     * event itself.
     *
     * @param id the wallet's id
     * @param balanceCents its durable balance
     * @param lastSequence the sequence number of its last durable event
     * @return the open wallet
     * @throws IllegalStateException if the balance breaks a money rule or there is no opening
     */
    public static Wallet atBalance(WalletId id, long balanceCents, long lastSequence) {
        check(lastSequence >= WalletEvent.FIRST_SEQUENCE, "%s has no opening event", id);
        return new Wallet(id, true, null, balanceCents, lastSequence, lastSequence, new LinkedHashMap<>());
    }

    /**
     * A wallet rebuilt by applying durable events in log order.
     *
     * @param id the wallet's id
     * @param events the wallet's events as the log holds them; exact repeats are skipped
     * @return the wallet, unopened if there were no events
     * @throws IllegalStateException if the events break a money rule
     */
    public static Wallet replay(WalletId id, Iterable<? extends WalletEvent> events) {
        Wallet wallet = unopened(id);
        for (WalletEvent event : events) {
            wallet.applyDurable(event);
        }
        return wallet;
    }

    /**
     * Decides whether to open this wallet.
     *
     * @param opening the opening balance
     * @param stamp id and time for the event
     * @return an {@link Decision.Append} of a {@link WalletOpened} event; {@link Decision.AwaitInFlight}
     *     if an opening is already in flight; {@link Decision.Settled} with
     *     {@link OpenOutcome.AlreadyExists} if the wallet is open
     */
    public Decision<OpenOutcome> decideOpen(Amount opening, EventStamp stamp) {
        Objects.requireNonNull(opening, "opening");
        if (open) {
            return new Decision.Settled<>(new OpenOutcome.AlreadyExists(id));
        }
        if (!inFlight.isEmpty()) {
            return new Decision.AwaitInFlight<>(inFlight.peekFirst().sequence());
        }
        WalletOpened event = new WalletOpened(stamp.eventId(), id, WalletEvent.FIRST_SEQUENCE, opening,
                stamp.occurredAt());
        takeInFlight(event);
        return new Decision.Append<>(event);
    }

    /**
     * Decides a request to add or remove funds.
     *
     * @param operation add or remove
     * @param amount how much; above zero
     * @param reference the client's name for the change
     * @param stamp id and time for the event, used only if the change is accepted
     * @return an {@link Decision.Append} of a {@link FundsChanged} event if accepted, or of a
     *     {@link RequestRefused} if refused for money ({@link RefusalCode#INSUFFICIENT_FUNDS},
     *     {@link RefusalCode#BALANCE_LIMIT_EXCEEDED}), which is then the reference's outcome;
     *     {@link Decision.AwaitInFlight} if the identical request is in flight;
     *     {@link Decision.DecideAfter} if a rollback naming the reference is in flight;
     *     {@link Decision.LookUp} if the reference may be among the changes this wallet forgot;
     *     {@link Decision.Settled} with a replay, a conflict or an unknown wallet otherwise
     */
    public Decision<ChangeOutcome> decideChange(FundsOperation operation, Amount amount, Reference reference,
            EventStamp stamp) {
        return decide(operation, amount, reference, stamp, null);
    }

    /**
     * Decides a request to add or remove funds, told what the store holds: the answer to a
     * {@link Decision.LookUp}.
     *
     * @param operation add or remove
     * @param amount how much; above zero
     * @param reference the client's name for the change
     * @param stamp id and time for the event, used only if the change is accepted
     * @param recalled the store's answer; if it covers fewer changes than the wallet has forgotten
     *     by now, the wallet asks again
     * @return as {@link #decideChange(FundsOperation, Amount, Reference, EventStamp)}
     * @throws IllegalArgumentException if the answer holds another wallet's entries
     */
    public Decision<ChangeOutcome> decideChange(FundsOperation operation, Amount amount, Reference reference,
            EventStamp stamp, Recalled recalled) {
        return decide(operation, amount, reference, stamp, ownAnswer(recalled));
    }

    private Decision<ChangeOutcome> decide(FundsOperation operation, Amount amount, Reference reference,
            EventStamp stamp, Recalled recalled) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(reference, "reference");
        check(amount.isPositive(), "a funds change must move money, not %s", amount);
        if (!open) {
            return new Decision.Settled<>(new ChangeOutcome.WalletNotFound(id));
        }
        FundsRequest request = new FundsRequest(operation, amount, reference);
        ReferencedEvent sameReferenceInFlight = inFlightByReference.get(reference);
        if (sameReferenceInFlight != null) {
            return sameReferenceInFlight.request().sameRequestAs(request)
                    ? new Decision.AwaitInFlight<>(sameReferenceInFlight.sequence())
                    : new Decision.Settled<>(new ChangeOutcome.ReferenceConflict(id, reference));
        }
        Facts facts = new Facts(recalled);
        Optional<LedgerEntry> entry = facts.entry(reference);
        if (entry.isPresent()) {
            // Settled for good: nothing in flight can change the answer.
            return new Decision.Settled<>(replayOrConflict(entry.get(), request));
        }
        RolledBack rollbackInFlight = inFlightRollbackOf == null ? null : inFlightRollbackOf.get(reference);
        if (rollbackInFlight != null && facts.known()) {
            return new Decision.DecideAfter<>(rollbackInFlight.sequence());
        }
        Optional<LedgerEntry> rollback = facts.rollbackOf(reference);
        if (!facts.known()) {
            return new Decision.LookUp<>(facts.recall());
        }
        if (rollbackInFlight != null) {
            return new Decision.DecideAfter<>(rollbackInFlight.sequence());
        }
        if (rollback.isPresent()) {
            // A rollback named this reference first: it is taken, and funds changes are not rolled back.
            return new Decision.Settled<>(new ChangeOutcome.ReferenceConflict(id, reference));
        }
        if (operation == FundsOperation.REMOVE && amount.cents() > availableCents()) {
            return refuse(request, RefusalCode.INSUFFICIENT_FUNDS, stamp);
        }
        if (operation == FundsOperation.ADD && amount.cents() > creditRoomCents()) {
            return refuse(request, RefusalCode.BALANCE_LIMIT_EXCEEDED, stamp);
        }
        FundsChanged event = new FundsChanged(stamp.eventId(), id, nextSequence(), operation, amount, reference,
                stamp.occurredAt());
        takeInFlight(event);
        return new Decision.Append<>(event);
    }

    private ChangeOutcome replayOrConflict(LedgerEntry entry, FundsRequest request) {
        if (!entry.event().request().sameRequestAs(request)) {
            return new ChangeOutcome.ReferenceConflict(id, request.reference());
        }
        return entry.event() instanceof FundsChanged change
                ? new ChangeOutcome.Replayed(AppliedChange.of(change, entry.balanceAfterCents()))
                : new ChangeOutcome.Refused(entry, true);
    }

    /** Checks that a store's answer is about this wallet. */
    private Recalled ownAnswer(Recalled recalled) {
        Objects.requireNonNull(recalled, "recalled");
        for (LedgerEntry entry : recalled.entries()) {
            if (!entry.event().walletId().equals(id)) {
                throw new IllegalArgumentException("recalled entry " + entry.reference() + " of "
                        + entry.event().walletId() + " answers no lookup in " + id);
            }
        }
        return recalled;
    }

    /**
     * Decides a bet, a win or a rollback.
     *
     * <p>Refusals for reasons of money or of the round are decided as a {@link RequestRefused} to
     * append, the reference's final outcome. The rules, in the order they are applied:
     * <ul>
     *   <li>the reference already has an outcome: the same request replays it, another is a
     *       conflict; a rollback named it first: {@link BettingOutcome.RolledBackBefore};
     *   <li>a bet: {@link RefusalCode#ROUND_CLOSED}, then {@link RefusalCode#INSUFFICIENT_FUNDS};
     *   <li>a win: {@link RefusalCode#ROUND_CLOSED}, then {@link RefusalCode#ROUND_NOT_FOUND} (no
     *       standing bet), then {@link RefusalCode#BALANCE_LIMIT_EXCEEDED};
     *   <li>a rollback: {@link RefusalCode#ALREADY_ROLLED_BACK} (under another reference); an
     *       original never seen is recorded as a tombstone, a refused bet or win as rolled back with
     *       nothing to give back; a funds change or a rollback is {@link RefusalCode#NOT_ROLLBACKABLE};
     *       a bet whose round has a standing win is {@link RefusalCode#BET_ALREADY_SETTLED}, else
     *       its stake goes back (unless {@link RefusalCode#BALANCE_LIMIT_EXCEEDED}); a win is taken
     *       back unless {@link RefusalCode#INSUFFICIENT_FUNDS}.
     * </ul>
     *
     * @param request the request
     * @param stamp id and time for the event, used only if one is appended
     * @return an {@link Decision.Append} of the request's outcome; {@link Decision.AwaitInFlight} if
     *     the identical request is in flight; {@link Decision.DecideAfter} if it depends on a change
     *     in flight; {@link Decision.LookUp} if it may depend on changes this wallet forgot;
     *     {@link Decision.Settled} with a replay or an unrecorded refusal otherwise
     */
    public Decision<BettingOutcome> decideBetting(BettingRequest request, EventStamp stamp) {
        return betting(request, stamp, null);
    }

    /**
     * Decides a bet, a win or a rollback, told what the store holds: the answer to a
     * {@link Decision.LookUp}.
     *
     * @param request the request
     * @param stamp id and time for the event, used only if one is appended
     * @param recalled the store's answer; if it covers fewer changes than the wallet has forgotten
     *     by now, or not all the wallet needs, the wallet asks again
     * @return as {@link #decideBetting(BettingRequest, EventStamp)}
     * @throws IllegalArgumentException if the answer holds another wallet's entries
     */
    public Decision<BettingOutcome> decideBetting(BettingRequest request, EventStamp stamp, Recalled recalled) {
        return betting(request, stamp, ownAnswer(recalled));
    }

    private Decision<BettingOutcome> betting(BettingRequest request, EventStamp stamp, Recalled recalled) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(stamp, "stamp");
        if (!open) {
            return new Decision.Settled<>(new BettingOutcome.WalletNotFound(id));
        }
        Reference reference = request.reference();
        ReferencedEvent sameReferenceInFlight = inFlightByReference.get(reference);
        if (sameReferenceInFlight != null) {
            return sameReferenceInFlight.request().sameRequestAs(request)
                    ? new Decision.AwaitInFlight<>(sameReferenceInFlight.sequence())
                    : new Decision.Settled<>(new BettingOutcome.ReferenceConflict(id, reference));
        }
        Facts facts = new Facts(recalled);
        Optional<LedgerEntry> own = facts.entry(reference);
        if (own.isPresent()) {
            // Settled for good: nothing in flight can change the answer.
            LedgerEntry entry = own.get();
            return new Decision.Settled<>(entry.event().request().sameRequestAs(request)
                    ? new BettingOutcome.Recorded(entry, true)
                    : new BettingOutcome.ReferenceConflict(id, reference));
        }
        long dependency = inFlightDependency(request);
        if (dependency > 0 && facts.known()) {
            return new Decision.DecideAfter<>(dependency);
        }
        Optional<LedgerEntry> ownRollback = facts.rollbackOf(reference);
        Optional<LedgerEntry> original = Optional.empty();
        Optional<LedgerEntry> originalRollback = Optional.empty();
        if (request instanceof RollbackRequest rollback) {
            original = facts.entry(rollback.originalReference());
            originalRollback = facts.rollbackOf(rollback.originalReference());
        }
        Round round = null;
        if (request instanceof BetRequest bet) {
            round = facts.round(bet.roundId());
        } else if (request instanceof WinRequest win) {
            round = facts.round(win.roundId());
        } else if (original.isPresent() && original.get().event() instanceof BetPlaced bet) {
            round = facts.round(bet.request().roundId());
        }
        if (!facts.known()) {
            return new Decision.LookUp<>(facts.recall());
        }
        long roundDependency = dependency > 0 ? dependency : round != null ? round.inFlightSequence()
                : original.flatMap(entry -> entry.event().roundChanged()).map(this::inFlightOfRound).orElse(0L);
        if (roundDependency != 0) {
            return new Decision.DecideAfter<>(roundDependency);
        }
        if (ownRollback.isPresent()) {
            return new Decision.Settled<>(new BettingOutcome.RolledBackBefore(id, reference, ownRollback.get().reference()));
        }
        if (request instanceof BetRequest bet) {
            return decideBet(bet, round, stamp);
        }
        if (request instanceof WinRequest win) {
            return decideWin(win, round, stamp);
        }
        return decideRollback((RollbackRequest) request, original, originalRollback.isPresent(), round, stamp);
    }

    /** {@return the sequence of a change in flight the request depends on, 0 if none} */
    private long inFlightDependency(BettingRequest request) {
        RolledBack rollbackOfThis = inFlightRollbackOf == null ? null : inFlightRollbackOf.get(request.reference());
        if (rollbackOfThis != null) {
            return rollbackOfThis.sequence();
        }
        if (request instanceof RollbackRequest rollback) {
            Reference originalReference = rollback.originalReference();
            ReferencedEvent originalInFlight = inFlightByReference.get(originalReference);
            if (originalInFlight != null) {
                return originalInFlight.sequence();
            }
            RolledBack otherRollback = inFlightRollbackOf == null ? null : inFlightRollbackOf.get(originalReference);
            if (otherRollback != null) {
                return otherRollback.sequence();
            }
            LedgerEntry original = entries.get(originalReference);
            return original == null ? 0 : original.event().roundChanged().map(this::inFlightOfRound).orElse(0L);
        }
        return request instanceof BetRequest bet ? inFlightOfRound(bet.roundId())
                : inFlightOfRound(((WinRequest) request).roundId());
    }

    private long inFlightOfRound(RoundId roundId) {
        Round round = rounds == null ? null : rounds.get(roundId);
        return round == null ? 0 : round.inFlightSequence();
    }

    private Decision<BettingOutcome> decideBet(BetRequest bet, Round round, EventStamp stamp) {
        if (round.isClosed()) {
            return refuse(bet, RefusalCode.ROUND_CLOSED, stamp);
        }
        if (bet.amount().cents() > availableCents()) {
            return refuse(bet, RefusalCode.INSUFFICIENT_FUNDS, stamp);
        }
        return append(new BetPlaced(stamp.eventId(), id, nextSequence(), bet, stamp.occurredAt()));
    }

    private Decision<BettingOutcome> decideWin(WinRequest win, Round round, EventStamp stamp) {
        if (round.isClosed()) {
            return refuse(win, RefusalCode.ROUND_CLOSED, stamp);
        }
        if (round.standingBets() == 0) {
            return refuse(win, RefusalCode.ROUND_NOT_FOUND, stamp);
        }
        if (win.amount().cents() > creditRoomCents()) {
            return refuse(win, RefusalCode.BALANCE_LIMIT_EXCEEDED, stamp);
        }
        return append(new WinPaid(stamp.eventId(), id, nextSequence(), win, stamp.occurredAt()));
    }

    private Decision<BettingOutcome> decideRollback(RollbackRequest rollback, Optional<LedgerEntry> original,
            boolean originalRolledBack, Round round, EventStamp stamp) {
        if (originalRolledBack) {
            return refuse(rollback, RefusalCode.ALREADY_ROLLED_BACK, stamp);
        }
        if (original.isEmpty()) {
            return rolledBack(rollback, new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.UNKNOWN), stamp);
        }
        ReferencedEvent event = original.get().event();
        if (event instanceof RequestRefused refused) {
            return refused.request() instanceof BetRequest || refused.request() instanceof WinRequest
                    ? rolledBack(rollback, new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.REJECTED), stamp)
                    : refuse(rollback, RefusalCode.NOT_ROLLBACKABLE, stamp);
        }
        if (event instanceof BetPlaced bet) {
            if (round.standingWins() > 0) {
                return refuse(rollback, RefusalCode.BET_ALREADY_SETTLED, stamp);
            }
            if (bet.amount().cents() > creditRoomCents()) {
                return refuse(rollback, RefusalCode.BALANCE_LIMIT_EXCEEDED, stamp);
            }
            return rolledBack(rollback, new RollbackEffect.RefundBet(bet.request().roundId(), bet.amount()), stamp);
        }
        if (event instanceof WinPaid win) {
            if (win.amount().cents() > availableCents()) {
                return refuse(rollback, RefusalCode.INSUFFICIENT_FUNDS, stamp);
            }
            return rolledBack(rollback, new RollbackEffect.ReclaimWin(win.request().roundId(), win.amount()), stamp);
        }
        return refuse(rollback, RefusalCode.NOT_ROLLBACKABLE, stamp);
    }

    private Decision<BettingOutcome> rolledBack(RollbackRequest rollback, RollbackEffect effect, EventStamp stamp) {
        return append(new RolledBack(stamp.eventId(), id, nextSequence(), rollback, effect, stamp.occurredAt()));
    }

    private <O> Decision<O> refuse(WalletRequest request, RefusalCode code, EventStamp stamp) {
        return append(new RequestRefused(stamp.eventId(), id, nextSequence(), request, code, availableCents(),
                stamp.occurredAt()));
    }

    private <O> Decision<O> append(ReferencedEvent event) {
        takeInFlight(event);
        return new Decision.Append<>(event);
    }

    private long nextSequence() {
        return Math.addExact(lastDecidedSequence, 1);
    }

    /** {@return how much a credit may add now without passing the maximum balance} */
    private long creditRoomCents() {
        return MAX_BALANCE_CENTS - balanceCents - inFlightCreditCents;
    }

    /**
     * What a betting decision knows of the wallet's past: what it remembers, and what a store's
     * answer tells of what it forgot. Notes each question the memory cannot answer, so that one
     * {@link Recall} asks them all.
     */
    private final class Facts {

        private final Recalled recalled;
        private final Set<Reference> references = new LinkedHashSet<>();
        private RoundId round;
        private long roundThrough;
        private boolean missing;

        Facts(Recalled recalled) {
            this.recalled = recalled != null && recalled.covers(forgottenThrough) ? recalled : null;
        }

        /** The entry of a reference; empty if none, or unknown (then {@link #known()} is false). */
        Optional<LedgerEntry> entry(Reference reference) {
            LedgerEntry remembered = entries.get(reference);
            if (remembered != null || forgottenThrough == 0) {
                return Optional.ofNullable(remembered);
            }
            return recalledEntry(reference, entry -> entry.reference().equals(reference));
        }

        /**
         * The rollback that names a reference as its original; empty if none, or unknown. A
         * remembered original has its rollback, if any, remembered too: it came later.
         */
        Optional<LedgerEntry> rollbackOf(Reference original) {
            LedgerEntry remembered = rolledBackBy(original);
            if (remembered != null || forgottenThrough == 0 || entries.containsKey(original)) {
                return Optional.ofNullable(remembered);
            }
            return recalledEntry(original, entry -> entry.event() instanceof RolledBack rollback
                    && rollback.originalReference().equals(original));
        }

        private Optional<LedgerEntry> recalledEntry(Reference reference, Predicate<LedgerEntry> match) {
            references.add(reference);
            if (recalled == null || !recalled.recall().references().contains(reference)) {
                missing = true;
                return Optional.empty();
            }
            return recalled.entries().stream().filter(match).findFirst();
        }

        /** A round, complete; null if the store must be asked (then {@link #known()} is false). */
        Round round(RoundId roundId) {
            Round known = rounds == null ? null : rounds.get(roundId);
            if (known != null && known.isComplete()) {
                return known;
            }
            if (known == null && forgottenThrough == 0) {
                Round fresh = Round.fresh(roundId);
                rounds().put(roundId, fresh);
                return fresh;
            }
            long through = known == null ? forgottenThrough : known.countsAfter();
            round = roundId;
            roundThrough = through;
            Optional<RoundSummary> summary = recalled == null ? Optional.empty() : recalled.round()
                    .filter(answer -> answer.roundId().equals(roundId) && answer.through() == through);
            if (summary.isEmpty()) {
                missing = true;
                return null;
            }
            if (known == null) {
                Round recalledRound = Round.of(summary.get());
                rounds().put(roundId, recalledRound);
                return recalledRound;
            }
            known.complete(summary.get());
            return known;
        }

        boolean known() {
            return !missing;
        }

        Recall recall() {
            return new Recall(references, Optional.ofNullable(round), round == null ? 0 : roundThrough, forgottenThrough);
        }
    }

    /**
     * Applies the oldest in-flight event now that the log has confirmed it is durable.
     *
     * @param event the event the log confirmed; must be the oldest in flight
     * @return the wallet's durable balance after the event, in cents
     * @throws IllegalStateException if the event is not the oldest in flight
     */
    public long confirm(WalletEvent event) {
        WalletEvent oldest = inFlight.peekFirst();
        check(event.equals(oldest), "%s confirmed out of order: oldest in flight is %s", event, oldest);
        inFlight.removeFirst();
        if (event instanceof ReferencedEvent change) {
            inFlightByReference.remove(change.reference());
            long delta = change.balanceDeltaCents();
            if (delta > 0) {
                inFlightCreditCents = Math.subtractExact(inFlightCreditCents, delta);
            } else {
                inFlightDebitCents = Math.addExact(inFlightDebitCents, delta);
            }
            if (change instanceof RolledBack rollback) {
                inFlightRollbackOf.remove(rollback.originalReference());
            }
        }
        applyDurable(event);
        checkInFlightInvariants();
        return balanceCents;
    }

    /**
     * Applies an event read back from the log. An exact repeat of an event already applied (a log
     * may deliver one twice) is skipped; so is any event at or before the sequence this wallet
     * {@linkplain #forgetThrough forgot through}, which the store that holds those events checks.
     *
     * @param event a durable event of this wallet
     * @return whether the event changed the wallet, false for a repeat
     * @throws IllegalStateException if the event breaks a money rule or the wallet's order; the log
     *     is then not one this service wrote, and carrying on would mean wrong money
     */
    public boolean applyDurable(WalletEvent event) {
        check(event.walletId().equals(id), "event of %s applied to %s", event.walletId(), id);
        if (event.sequence() <= lastSequence) {
            if (event.sequence() <= forgottenThrough) {
                return false;
            }
            check(isRepeat(event), "event %s of %s is behind sequence %s but is no repeat", event.sequence(), id,
                    lastSequence);
            return false;
        }
        if (event instanceof WalletOpened opened) {
            applyOpening(opened);
        } else {
            applyChange((ReferencedEvent) event);
        }
        lastSequence = event.sequence();
        lastDecidedSequence = Math.max(lastDecidedSequence, lastSequence);
        checkDurableInvariants();
        return true;
    }

    /**
     * Forgets the durable changes up to a sequence number, once a store holds them: the wallet then
     * remembers only the later ones, and asks about any other reference or round
     * ({@link Decision.LookUp}). Changes in flight, and rounds
     * with a change in flight, are never forgotten.
     *
     * @param sequence the last sequence to forget; at most {@link #lastSequence()}
     * @return the entries forgotten now, in sequence order; empty if they were forgotten already
     * @throws IllegalArgumentException if the sequence is beyond the last durable one
     */
    public List<LedgerEntry> forgetThrough(long sequence) {
        if (sequence > lastSequence) {
            throw new IllegalArgumentException("cannot forget " + id + " through " + sequence
                    + ": its last durable sequence is " + lastSequence);
        }
        if (sequence <= forgottenThrough) {
            return List.of();
        }
        List<LedgerEntry> forgotten = new ArrayList<>();
        Iterator<LedgerEntry> oldestFirst = entries.values().iterator();
        while (oldestFirst.hasNext()) {
            LedgerEntry entry = oldestFirst.next();
            if (entry.sequence() > sequence) {
                break;
            }
            forgotten.add(entry);
            oldestFirst.remove();
            if (entry.event() instanceof RolledBack rollback) {
                rolledBackBy.remove(rollback.originalReference());
            }
        }
        if (rounds != null) {
            rounds.values().removeIf(round -> round.lastSequence() <= sequence && round.inFlightSequence() == 0);
        }
        forgottenThrough = sequence;
        opening = null;
        return forgotten;
    }

    /**
     * Forgets every decided event the log has not confirmed, keeping only the durable state. For a
     * writer whose appends have an unknown outcome: it discards them here, then applies with
     * {@link #applyDurable} whatever of them the log turns out to hold.
     */
    public void discardInFlight() {
        inFlight.clear();
        inFlightByReference.clear();
        if (inFlightRollbackOf != null) {
            inFlightRollbackOf.clear();
        }
        if (rounds != null) {
            rounds.values().forEach(Round::discardInFlight);
        }
        inFlightDebitCents = 0;
        inFlightCreditCents = 0;
        lastDecidedSequence = lastSequence;
        checkInFlightInvariants();
    }

    /**
     * Whether a change with this reference is decided but not yet confirmed by the log.
     *
     * @param reference the client's reference
     * @return whether it is in flight
     */
    public boolean isInFlight(Reference reference) {
        return inFlightByReference.containsKey(reference);
    }

    /**
     * Whether a rollback naming this reference as its original is decided but not yet confirmed.
     *
     * @param original the reference
     * @return whether such a rollback is in flight
     */
    public boolean isRollbackInFlight(Reference original) {
        return inFlightRollbackOf != null && inFlightRollbackOf.containsKey(original);
    }

    /**
     * Looks up the remembered durable rollback that names a reference as its original.
     *
     * @param original the reference rolled back
     * @return the rollback's entry, if one is durable and not forgotten
     */
    public Optional<LedgerEntry> rollbackOf(Reference original) {
        return Optional.ofNullable(rolledBackBy(original));
    }

    /** {@return this wallet's id} */
    public WalletId id() {
        return id;
    }

    /** {@return the event that opened the wallet, empty while its opening is not durable} */
    public Optional<WalletOpened> opening() {
        return Optional.ofNullable(opening);
    }

    /** {@return whether the wallet's opening is durable} */
    public boolean isOpen() {
        return open;
    }

    /** {@return the durable balance in cents} */
    public long balanceCents() {
        return balanceCents;
    }

    /** {@return what a new debit may spend now: the durable balance less the debits in flight} */
    public long availableCents() {
        return balanceCents - inFlightDebitCents;
    }

    /** {@return the sequence number of the last durable event, 0 if none} */
    public long lastSequence() {
        return lastSequence;
    }

    /** {@return the last sequence this wallet forgot the changes through, 0 if it remembers them all} */
    public long forgottenThrough() {
        return forgottenThrough;
    }

    /** {@return how many durable outcomes this wallet remembers} */
    public int rememberedCount() {
        return entries.size();
    }

    /** {@return how many decided events await the log's confirmation} */
    public int inFlightCount() {
        return inFlight.size();
    }

    /**
     * Looks up a remembered durable funds change by its reference.
     *
     * @param reference the client's reference
     * @return the change, if one with this reference is durable, a funds change and not forgotten
     */
    public Optional<AppliedChange> appliedChange(Reference reference) {
        LedgerEntry entry = entries.get(reference);
        return entry != null && entry.event() instanceof FundsChanged change
                ? Optional.of(AppliedChange.of(change, entry.balanceAfterCents()))
                : Optional.empty();
    }

    /** {@return every remembered durable funds change, in sequence order} */
    public Collection<AppliedChange> appliedChanges() {
        List<AppliedChange> changes = new ArrayList<>();
        for (LedgerEntry entry : entries.values()) {
            if (entry.event() instanceof FundsChanged change) {
                changes.add(AppliedChange.of(change, entry.balanceAfterCents()));
            }
        }
        return Collections.unmodifiableList(changes);
    }

    /**
     * Looks up a remembered durable outcome by its reference.
     *
     * @param reference the client's reference
     * @return the entry, if the reference has a durable outcome not forgotten
     */
    public Optional<LedgerEntry> entry(Reference reference) {
        return Optional.ofNullable(entries.get(reference));
    }

    /** {@return every remembered durable outcome, in sequence order; a read-only view} */
    public Collection<LedgerEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    private void takeInFlight(WalletEvent event) {
        inFlight.addLast(event);
        lastDecidedSequence = event.sequence();
        if (event instanceof ReferencedEvent change) {
            inFlightByReference.put(change.reference(), change);
            long delta = change.balanceDeltaCents();
            if (delta > 0) {
                inFlightCreditCents = Math.addExact(inFlightCreditCents, delta);
            } else {
                inFlightDebitCents = Math.subtractExact(inFlightDebitCents, delta);
            }
            if (change instanceof RolledBack rollback) {
                if (inFlightRollbackOf == null) {
                    inFlightRollbackOf = new HashMap<>(2);
                }
                inFlightRollbackOf.put(rollback.originalReference(), rollback);
            }
            change.roundChanged().ifPresent(roundId -> roundToChange(roundId).inFlight(change.sequence()));
        }
        checkInFlightInvariants();
    }

    /**
     * The round a change is about to touch: the one known, or else a new one that counts the legs
     * after what this wallet forgot (all of them, if it forgot nothing).
     */
    private Round roundToChange(RoundId roundId) {
        return rounds().computeIfAbsent(roundId,
                absent -> forgottenThrough == 0 ? Round.fresh(absent) : Round.partialAfter(absent, forgottenThrough));
    }

    private Map<RoundId, Round> rounds() {
        if (rounds == null) {
            rounds = new HashMap<>(4);
        }
        return rounds;
    }

    private LedgerEntry rolledBackBy(Reference original) {
        return rolledBackBy == null ? null : rolledBackBy.get(original);
    }

    private void applyOpening(WalletOpened opened) {
        check(!open, "%s opened twice", id);
        opening = opened;
        open = true;
        balanceCents = opened.amount().cents();
    }

    private void applyChange(ReferencedEvent change) {
        Reference reference = change.reference();
        check(open, "%s changed by event %s before it was opened", id, change.sequence());
        check(!entries.containsKey(reference), "%s applies reference %s twice", id, reference);
        LedgerEntry rollback = rolledBackBy(reference);
        check(rollback == null, "%s applies reference %s, which %s rolled back before it came", id, reference,
                rollback == null ? null : rollback.reference());
        long after = Math.addExact(balanceCents, change.balanceDeltaCents());
        check(after >= 0, "%s would go negative (%s) with %s", id, after, reference);
        check(after <= MAX_BALANCE_CENTS, "%s would pass the maximum balance with %s", id, reference);
        LedgerEntry entry = new LedgerEntry(change, after);
        if (change instanceof BetPlaced bet) {
            roundToChange(bet.request().roundId()).betPlaced(bet);
        } else if (change instanceof WinPaid win) {
            roundToChange(win.request().roundId()).winPaid(win);
        } else if (change instanceof RolledBack rolledBack) {
            applyRollback(rolledBack, entry);
        }
        balanceCents = after;
        entries.put(reference, entry);
    }

    private void applyRollback(RolledBack rollback, LedgerEntry entry) {
        Reference originalReference = rollback.originalReference();
        LedgerEntry earlier = rolledBackBy(originalReference);
        check(earlier == null, "%s rolls back %s again, after %s", id, originalReference,
                earlier == null ? null : earlier.reference());
        LedgerEntry original = entries.get(originalReference);
        ReferencedEvent originalEvent = original == null ? null : original.event();
        // An original the wallet does not remember may be one it forgot; one that forgot nothing knows.
        boolean unknownAllowed = forgottenThrough > 0;
        RollbackEffect effect = rollback.effect();
        if (effect instanceof RollbackEffect.RefundBet refund) {
            check(originalEvent == null ? unknownAllowed : originalEvent instanceof BetPlaced bet
                    && bet.request().roundId().equals(refund.roundId()) && bet.amount().equals(refund.amount()),
                    "%s refunds %s as a bet of %s in round %s, which it is not", id, originalReference, refund.amount(),
                    refund.roundId());
            roundToChange(refund.roundId()).betRefunded(rollback);
        } else if (effect instanceof RollbackEffect.ReclaimWin reclaim) {
            check(originalEvent == null ? unknownAllowed : originalEvent instanceof WinPaid win
                    && win.request().roundId().equals(reclaim.roundId()) && win.amount().equals(reclaim.amount()),
                    "%s reclaims %s as a win of %s in round %s, which it is not", id, originalReference, reclaim.amount(),
                    reclaim.roundId());
            roundToChange(reclaim.roundId()).winReclaimed(rollback);
        } else if (rollback.isTombstone()) {
            check(originalEvent == null, "%s records a tombstone for %s, which it applied", id, originalReference);
        } else {
            check(originalEvent == null ? unknownAllowed : originalEvent instanceof RequestRefused refused
                    && (refused.request() instanceof BetRequest || refused.request() instanceof WinRequest),
                    "%s rolls back %s as a refused bet or win, which it is not", id, originalReference);
        }
        if (rolledBackBy == null) {
            rolledBackBy = new HashMap<>(4);
        }
        rolledBackBy.put(originalReference, entry);
    }

    /**
     * Whether an event is one already applied, coming again. The event id decides, as it does in
     * the store that persists the log; an event with a known id but other content is not a repeat
     * but a second history, and breaks an invariant.
     */
    private boolean isRepeat(WalletEvent event) {
        if (event instanceof ReferencedEvent change) {
            LedgerEntry applied = entries.get(change.reference());
            if (applied == null || !applied.event().eventId().equals(change.eventId())) {
                return false;
            }
            check(applied.sequence() == change.sequence() && applied.event().getClass() == change.getClass()
                    && applied.event().request().sameRequestAs(change.request())
                    && applied.event().balanceDeltaCents() == change.balanceDeltaCents(),
                    "event %s of %s comes again with other content than it was applied with", change.eventId(), id);
            return true;
        }
        if (!open || opening == null || !event.eventId().equals(opening.eventId())) {
            return false;
        }
        check(event.amount().equals(opening.amount()),
                "opening %s of %s comes again with another amount", event.eventId(), id);
        return true;
    }

    private void checkDurableInvariants() {
        check(balanceCents >= 0, "%s has a negative balance: %s", id, balanceCents);
        check(balanceCents <= MAX_BALANCE_CENTS, "%s is above the maximum balance: %s", id, balanceCents);
        check(open || (balanceCents == 0 && entries.isEmpty()), "unopened %s holds money", id);
    }

    private void checkInFlightInvariants() {
        check(inFlightDebitCents >= 0 && inFlightCreditCents >= 0, "%s has negative sums in flight", id);
        check(availableCents() >= 0, "%s promised more than it holds: %s available", id, availableCents());
        check(balanceCents + inFlightCreditCents <= MAX_BALANCE_CENTS, "%s could pass the maximum balance", id);
    }

    private static void check(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new IllegalStateException("wallet invariant broken: " + String.format(format, arguments));
        }
    }
}
