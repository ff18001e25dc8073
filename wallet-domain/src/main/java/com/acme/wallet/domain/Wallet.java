package com.acme.wallet.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * log keeps only some of the changes in flight.
 *
 * <h2>Memory</h2>
 * A wallet may {@link #forgetThrough forget} its oldest durable changes once a store holds them
 * (for a service, the database the log is persisted into), so that it keeps only its balance,
 * sequence and a window of recent changes. A request whose reference is not among the changes it
 * remembers may then be a retry of a forgotten one: the wallet answers
 * {@link Decision.LookUpReference} and decides again once told what the store holds of that
 * reference. A wallet that forgot nothing never asks.
 *
 * <h2>Lifecycle</h2>
 * A writer obtains a wallet with {@link #unopened}, {@link #restore} or {@link #replay}, asks it
 * to {@link #decideOpen decide} requests, appends the resulting events, and calls
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
    /** The remembered durable changes, in sequence order (the order they were applied in). */
    private final LinkedHashMap<Reference, AppliedChange> appliedChanges;

    // Sized for the usual one or two changes in flight: a million idle wallets each hold one.
    private final ArrayDeque<WalletEvent> inFlight = new ArrayDeque<>(2);
    private final Map<Reference, FundsChanged> inFlightByReference = new HashMap<>();
    private long inFlightDebitCents;
    private long inFlightCreditCents;
    private long lastDecidedSequence;

    private Wallet(WalletId id, boolean open, WalletOpened opening, long balanceCents, long lastSequence,
            long forgottenThrough, LinkedHashMap<Reference, AppliedChange> appliedChanges) {
        this.id = Objects.requireNonNull(id, "id");
        this.opening = opening;
        this.open = open;
        this.balanceCents = balanceCents;
        this.lastSequence = lastSequence;
        this.forgottenThrough = forgottenThrough;
        this.lastDecidedSequence = lastSequence;
        this.appliedChanges = appliedChanges;
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
     * A wallet rebuilt from a stored snapshot of its durable state.
     *
     * @param opening the event that opened it, as stored
     * @param balanceCents its durable balance
     * @param lastSequence the sequence number of its last durable event
     * @param appliedChanges every funds change ever applied to it, one per reference
     * @return the open wallet
     * @throws IllegalStateException if the snapshot breaks a money rule: negative or excessive
     *     balance, a change of another wallet, a reference twice, a sequence beyond the last, an
     *     opening that is not the first event
     */
    public static Wallet restore(WalletOpened opening, long balanceCents, long lastSequence,
            Collection<AppliedChange> appliedChanges) {
        WalletId id = opening.walletId();
        LinkedHashMap<Reference, AppliedChange> byReference = new LinkedHashMap<>(Math.max(16, appliedChanges.size() * 2));
        List<AppliedChange> inSequenceOrder = new ArrayList<>(appliedChanges);
        inSequenceOrder.sort(Comparator.comparingLong(AppliedChange::sequence));
        for (AppliedChange change : inSequenceOrder) {
            check(change.walletId().equals(id), "snapshot of %s holds a change of %s", id, change.walletId());
            check(change.sequence() <= lastSequence, "snapshot of %s holds change %s beyond its last sequence %s",
                    id, change.sequence(), lastSequence);
            AppliedChange previous = byReference.put(change.reference(), change);
            check(previous == null, "snapshot of %s applies reference %s twice", id, change.reference());
        }
        check(opening.sequence() == WalletEvent.FIRST_SEQUENCE, "snapshot of %s opens at sequence %s", id,
                opening.sequence());
        check(lastSequence >= WalletEvent.FIRST_SEQUENCE, "snapshot of %s has no opening event", id);
        return new Wallet(id, true, opening, balanceCents, lastSequence, 0, byReference);
    }

    /**
     * An open wallet known only by its durable balance and last sequence: it has forgotten every
     * change up to that sequence, which a store holds. It takes later events under the money rules
     * and decides requests, asking for a reference it may have forgotten
     * ({@link Decision.LookUpReference}). An event at or before its last sequence is taken for a
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
     * @return an {@link Decision.Append} of a {@link FundsChanged} event if accepted;
     *     {@link Decision.AwaitInFlight} if the identical request is in flight;
     *     {@link Decision.LookUpReference} if the reference may be among the changes this wallet
     *     forgot; {@link Decision.Settled} with a replay or a rejection otherwise
     */
    public Decision<ChangeOutcome> decideChange(FundsOperation operation, Amount amount, Reference reference,
            EventStamp stamp) {
        return decide(operation, amount, reference, stamp, null);
    }

    /**
     * Decides a request to add or remove funds, told what the store holds of its reference: the
     * answer to a {@link Decision.LookUpReference}.
     *
     * @param operation add or remove
     * @param amount how much; above zero
     * @param reference the client's name for the change
     * @param stamp id and time for the event, used only if the change is accepted
     * @param stored what the store holds of this reference; if it covers fewer changes than the
     *     wallet has forgotten by now, the wallet asks again
     * @return as {@link #decideChange(FundsOperation, Amount, Reference, EventStamp)}
     * @throws IllegalArgumentException if the stored change is another wallet's or reference's
     */
    public Decision<ChangeOutcome> decideChange(FundsOperation operation, Amount amount, Reference reference,
            EventStamp stamp, StoredReference stored) {
        Objects.requireNonNull(stored, "stored");
        stored.change().ifPresent(change -> {
            if (!change.walletId().equals(id) || !change.reference().equals(reference)) {
                throw new IllegalArgumentException("stored change " + change.reference() + " of " + change.walletId()
                        + " answers no lookup of " + reference + " in " + id);
            }
        });
        return decide(operation, amount, reference, stamp, stored);
    }

    private Decision<ChangeOutcome> decide(FundsOperation operation, Amount amount, Reference reference,
            EventStamp stamp, StoredReference stored) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(reference, "reference");
        check(amount.isPositive(), "a funds change must move money, not %s", amount);
        if (!open) {
            return new Decision.Settled<>(new ChangeOutcome.WalletNotFound(id));
        }
        AppliedChange applied = appliedChanges.get(reference);
        FundsChanged sameReferenceInFlight = inFlightByReference.get(reference);
        if (applied == null && sameReferenceInFlight == null && forgottenThrough > 0) {
            if (stored == null || !stored.covers(forgottenThrough)) {
                return new Decision.LookUpReference<>(reference, forgottenThrough);
            }
            applied = stored.change().orElse(null);
        }
        if (applied != null) {
            return new Decision.Settled<>(applied.operation() == operation && applied.amount().equals(amount)
                    ? new ChangeOutcome.Replayed(applied)
                    : new ChangeOutcome.ReferenceConflict(id, reference));
        }
        if (sameReferenceInFlight != null) {
            return sameReferenceInFlight.sameRequestAs(operation, amount)
                    ? new Decision.AwaitInFlight<>(sameReferenceInFlight.sequence())
                    : new Decision.Settled<>(new ChangeOutcome.ReferenceConflict(id, reference));
        }
        if (operation == FundsOperation.REMOVE && amount.cents() > availableCents()) {
            return new Decision.Settled<>(new ChangeOutcome.InsufficientFunds(id, availableCents(), amount));
        }
        if (operation == FundsOperation.ADD && amount.cents() > MAX_BALANCE_CENTS - balanceCents - inFlightCreditCents) {
            return new Decision.Settled<>(new ChangeOutcome.BalanceLimitExceeded(id, amount));
        }
        FundsChanged event = new FundsChanged(stamp.eventId(), id, Math.addExact(lastDecidedSequence, 1),
                operation, amount, reference, stamp.occurredAt());
        takeInFlight(event);
        return new Decision.Append<>(event);
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
        if (event instanceof FundsChanged change) {
            inFlightByReference.remove(change.reference());
            if (change.operation() == FundsOperation.ADD) {
                inFlightCreditCents = Math.subtractExact(inFlightCreditCents, change.amount().cents());
            } else {
                inFlightDebitCents = Math.subtractExact(inFlightDebitCents, change.amount().cents());
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
            applyChange((FundsChanged) event);
        }
        lastSequence = event.sequence();
        lastDecidedSequence = Math.max(lastDecidedSequence, lastSequence);
        checkDurableInvariants();
        return true;
    }

    /**
     * Forgets the durable changes up to a sequence number, once a store holds them: the wallet then
     * remembers only the later ones, and asks about any other reference
     * ({@link Decision.LookUpReference}). Changes in flight are never forgotten.
     *
     * @param sequence the last sequence to forget; at most {@link #lastSequence()}
     * @return the changes forgotten now, in sequence order; empty if they were forgotten already
     * @throws IllegalArgumentException if the sequence is beyond the last durable one
     */
    public List<AppliedChange> forgetThrough(long sequence) {
        if (sequence > lastSequence) {
            throw new IllegalArgumentException("cannot forget " + id + " through " + sequence
                    + ": its last durable sequence is " + lastSequence);
        }
        if (sequence <= forgottenThrough) {
            return List.of();
        }
        List<AppliedChange> forgotten = new ArrayList<>();
        Iterator<AppliedChange> oldestFirst = appliedChanges.values().iterator();
        while (oldestFirst.hasNext()) {
            AppliedChange change = oldestFirst.next();
            if (change.sequence() > sequence) {
                break;
            }
            forgotten.add(change);
            oldestFirst.remove();
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

    /** {@return how many durable changes this wallet remembers} */
    public int rememberedCount() {
        return appliedChanges.size();
    }

    /** {@return how many decided events await the log's confirmation} */
    public int inFlightCount() {
        return inFlight.size();
    }

    /**
     * Looks up a remembered durable change by its reference.
     *
     * @param reference the client's reference
     * @return the change, if one with this reference is durable and not forgotten
     */
    public Optional<AppliedChange> appliedChange(Reference reference) {
        return Optional.ofNullable(appliedChanges.get(reference));
    }

    /** {@return every remembered durable funds change, in sequence order; a read-only view} */
    public Collection<AppliedChange> appliedChanges() {
        return Collections.unmodifiableCollection(appliedChanges.values());
    }

    private void takeInFlight(WalletEvent event) {
        inFlight.addLast(event);
        lastDecidedSequence = event.sequence();
        if (event instanceof FundsChanged change) {
            inFlightByReference.put(change.reference(), change);
            if (change.operation() == FundsOperation.ADD) {
                inFlightCreditCents = Math.addExact(inFlightCreditCents, change.amount().cents());
            } else {
                inFlightDebitCents = Math.addExact(inFlightDebitCents, change.amount().cents());
            }
        }
        checkInFlightInvariants();
    }

    private void applyOpening(WalletOpened opened) {
        check(!open, "%s opened twice", id);
        opening = opened;
        open = true;
        balanceCents = opened.amount().cents();
    }

    private void applyChange(FundsChanged change) {
        check(open, "%s changed by event %s before it was opened", id, change.sequence());
        check(!appliedChanges.containsKey(change.reference()), "%s applies reference %s twice", id,
                change.reference());
        long after = change.operation() == FundsOperation.ADD
                ? Math.addExact(balanceCents, change.amount().cents())
                : Math.subtractExact(balanceCents, change.amount().cents());
        check(after >= 0, "%s would go negative (%s) with %s", id, after, change.reference());
        check(after <= MAX_BALANCE_CENTS, "%s would pass the maximum balance with %s", id, change.reference());
        balanceCents = after;
        appliedChanges.put(change.reference(), AppliedChange.of(change, after));
    }

    /**
     * Whether an event is one already applied, coming again. The event id decides, as it does in
     * the store that persists the log; an event with a known id but other content is not a repeat
     * but a second history, and breaks an invariant.
     */
    private boolean isRepeat(WalletEvent event) {
        if (event instanceof FundsChanged change) {
            AppliedChange applied = appliedChanges.get(change.reference());
            if (applied == null || !applied.eventId().equals(change.eventId())) {
                return false;
            }
            check(applied.sequence() == change.sequence() && change.sameRequestAs(applied.operation(), applied.amount()),
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
        check(open || (balanceCents == 0 && appliedChanges.isEmpty()), "unopened %s holds money", id);
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
